import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { patientFixture } from '../../diary/testing/diary-fixtures';
import { AnonymiseDialog } from './anonymise-dialog';

describe('AnonymiseDialog', () => {
  let fixture: ComponentFixture<AnonymiseDialog>;
  let loader: HarnessLoader;
  let dialogRef: jasmine.SpyObj<MatDialogRef<AnonymiseDialog, string>>;

  beforeEach(async () => {
    dialogRef = jasmine.createSpyObj<MatDialogRef<AnonymiseDialog, string>>('MatDialogRef', ['close']);
    await TestBed.configureTestingModule({
      imports: [AnonymiseDialog],
      providers: [
        provideZonelessChangeDetection(),
        { provide: MatDialogRef, useValue: dialogRef },
        { provide: MAT_DIALOG_DATA, useValue: { patient: patientFixture() } },
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(AnonymiseDialog);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  it('needs a reason and the family name typed exactly before it anonymises', async () => {
    const confirm = await loader.getHarness(MatButtonHarness.with({ text: 'Anonymise for good' }));
    expect(await confirm.isDisabled()).toBeTrue();
    const [reason, name] = await loader.getAllHarnesses(MatInputHarness);
    await reason!.setValue('Patient asked for erasure by letter, 3 Nov');
    await name!.setValue('Morri');
    expect(await confirm.isDisabled()).toBeTrue();
    await name!.setValue('morris');
    expect(await confirm.isDisabled()).toBeFalse();
    await confirm.click();
    expect(dialogRef.close).toHaveBeenCalledWith('Patient asked for erasure by letter, 3 Nov');
  });
});
