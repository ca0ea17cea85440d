import { DEFAULT_MODULES } from '../../../../shared/advice';
import { blankModule, blockFromForm, blockGroup, fieldPlace, moduleForm, moduleFromForm } from './module-form';

describe('module form', () => {
  it('gives back every shipped module exactly as it was loaded', () => {
    for (const module of DEFAULT_MODULES) {
      expect(moduleFromForm(moduleForm(module, true).getRawValue())).withContext(module.key).toEqual(module);
    }
  });

  it('keeps what was typed when a block changes kind, and reads only the chosen kind', () => {
    const group = blockGroup({ kind: 'paragraph', text: 'Drink **water**.' });
    group.controls.kind.setValue('callout');
    group.controls.tone.setValue('warning');
    expect(blockFromForm(group.getRawValue())).toEqual({ kind: 'callout', tone: 'warning', text: 'Drink **water**.' });
  });

  it('reads a dose: one number, a range, and no empty words', () => {
    const group = blockGroup({ kind: 'dose', perSide: true });
    group.patchValue({ holdFrom: 20, holdTo: 30, repetitions: 3, howOften: ' every day ', whenInDay: '' });
    expect(blockFromForm(group.getRawValue())).toEqual({ kind: 'dose', perSide: true, holdSeconds: [20, 30], repetitions: 3, howOften: 'every day' });
    group.patchValue({ holdTo: 20 });
    expect(blockFromForm(group.getRawValue())).toEqual(jasmine.objectContaining({ holdSeconds: 20 }));
  });

  it('needs a title, a source, a reviewer and a proper key', () => {
    const form = moduleForm(blankModule(), true);
    expect(form.valid).toBeFalse();
    form.patchValue({ key: 'Calf Stretch', title: 'Calf', source: 'NHS', reviewer: 'Dr A' });
    expect(form.controls.key.hasError('pattern')).toBeTrue();
    form.controls.key.setValue('calf-stretch');
    expect(form.valid).withContext('the first paragraph is still empty').toBeFalse();
    form.controls.blocks.at(0).controls.text.setValue('Stretch gently.');
    expect(form.valid).toBeTrue();
  });

  it('names server field paths in words', () => {
    expect(fieldPlace('module.blocks.2.items.0')).toBe('Block 3, item 1');
    expect(fieldPlace('module.title')).toBe('Title');
    expect(fieldPlace('module.conditions.appliesWhen.1')).toBe('Applies when, entry 2');
  });
});

describe('block validation', () => {
  it('needs text in a paragraph and an item in a list, whatever the other fields hold', () => {
    const group = blockGroup({ kind: 'paragraph', text: '' });
    expect(group.hasError('textRequired')).toBeTrue();
    group.controls.kind.setValue('steps');
    expect(group.hasError('itemsRequired')).toBeTrue();
    group.controls.items.at(0).setValue('Stand up.');
    expect(group.valid).toBeTrue();
    group.controls.kind.setValue('dose');
    expect(group.valid).toBeTrue();
  });
});
