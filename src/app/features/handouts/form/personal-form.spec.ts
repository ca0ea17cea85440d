import { personalForm, personalFromForm } from './personal-form';

describe('personal form', () => {
  it('round-trips a range, a side, repetitions and a note', () => {
    const personal = { side: 'right' as const, holdSeconds: [15, 25] as [number, number], repetitions: 4, note: 'Slowly.' };
    expect(personalFromForm(personalForm(personal).getRawValue())).toEqual(personal);
  });

  it('leaves out what was left empty, and a hold typed as from = to is one number', () => {
    const form = personalForm({});
    expect(personalFromForm(form.getRawValue())).toEqual({});
    form.patchValue({ holdFrom: 30, holdTo: 30, note: '   ' });
    expect(personalFromForm(form.getRawValue())).toEqual({ holdSeconds: 30 });
  });
});
