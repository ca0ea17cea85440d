import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { PatientFields } from './patient-fields';
import { createPatientForm, toPatientInput } from './patient-form.model';

@Component({
  selector: 'cd-fields-host',
  imports: [PatientFields],
  template: '<cd-patient-fields [form]="form" [centres]="centres" />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class FieldsHost {
  readonly form = createPatientForm({ centreId: 'c1', givenName: 'Claire', familyName: 'Morris', dateOfBirth: '1980-03-14' });
  readonly centres = [{ id: 'c1', name: 'Riverside Centre' }];
}

describe('PatientFields', () => {
  let fixture: ComponentFixture<FieldsHost>;
  let loader: HarnessLoader;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [FieldsHost], providers: [provideZonelessChangeDetection()] }).compileComponents();
    fixture = TestBed.createComponent(FieldsHost);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  async function nhsField() {
    return loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'NHS number' }));
  }

  it('checks the NHS number as it is typed, before the field is left', async () => {
    const input = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=nhsNumber]' }));
    await input.setValue('943 476 591');
    const field = await nhsField();
    expect(await field.hasErrors()).toBeTrue();
    expect(await field.getTextErrors()).toEqual(['An NHS number has 10 digits; this has 9.']);

    await input.setValue('943 476 5918');
    expect((await field.getTextErrors())[0]).toContain('check digit does not match');

    await input.setValue('9434765919');
    expect(await field.hasErrors()).toBeFalse();
    expect(await field.getTextHints()).toEqual(['Valid NHS number: 943 476 5919']);
  });

  it('sends the NHS number as ten digits and empty text as cleared values', async () => {
    const input = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=nhsNumber]' }));
    await input.setValue('943-476-5919');
    const value = toPatientInput(fixture.componentInstance.form.getRawValue());
    expect(value.nhsNumber).toBe('9434765919');
    expect(value.communicationNeeds).toEqual({ largePrint: false, language: null, other: null });
  });
});
