import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import type { CentreInput } from '../../../../shared/api/foundation';
import { RIVERSIDE } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { CentreForm } from './centre-form';

describe('CentreForm', () => {
  async function setUp() {
    TestBed.configureTestingModule({ providers: adminTestProviders() });
    const fixture = TestBed.createComponent(CentreForm);
    fixture.componentRef.setInput('centre', RIVERSIDE);
    const saved: CentreInput[] = [];
    fixture.componentInstance.save.subscribe((input) => saved.push(input));
    await fixture.whenStable();
    return { fixture, saved, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('refuses opening hours that close before they open', async () => {
    const { saved, loader } = await setUp();
    const [mondayClose] = await loader.getAllHarnesses(MatInputHarness.with({ selector: 'input[formControlName=close]' }));
    await mondayClose.setValue('07:00');
    await mondayClose.blur();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save centre' }))).click();

    const mondayCloseField = (await loader.getAllHarnesses(MatFormFieldHarness.with({ floatingLabelText: /Closes/ })))[0];
    expect(await mondayCloseField.getTextErrors()).toEqual(['Closing time must be after opening time.']);
    expect(saved).toEqual([]);
  });

  it('saves the week as the API wants it, leaving closed days out', async () => {
    const { saved, loader } = await setUp();
    const toggles = await loader.getAllHarnesses(MatSlideToggleHarness.with({ label: 'Closed' }));
    expect(toggles).toHaveSize(7);
    await toggles[5].check(); // Saturday
    await toggles[6].uncheck(); // Sunday
    const opens = await loader.getAllHarnesses(MatInputHarness.with({ selector: 'input[formControlName=open]' }));
    const closes = await loader.getAllHarnesses(MatInputHarness.with({ selector: 'input[formControlName=close]' }));
    await opens[opens.length - 1].setValue('10:00');
    await closes[closes.length - 1].setValue('14:00');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save centre' }))).click();

    expect(saved).toHaveSize(1);
    expect(saved[0].openingHours).toEqual([
      ...RIVERSIDE.openingHours.filter((slot) => slot.weekday !== 6),
      { weekday: 0, open: '10:00', close: '14:00' },
    ]);
    expect(saved[0].responseTargets).toEqual(RIVERSIDE.responseTargets);
  });

  it('says in words how long a response target is', async () => {
    const { loader } = await setUp();
    const callback = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Call back/ }));
    expect(await callback.getTextHints()).toEqual(['That is 2 hours.']);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=callbackMinutes]' }))).setValue('90');
    expect(await callback.getTextHints()).toEqual(['That is 1 hour 30 minutes.']);
  });

  it('shows the "someone else saved" notice and lets the user take their version', async () => {
    const { fixture, saved, loader } = await setUp();
    const name = await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }));
    await name.setValue('Riverside Clinic');
    fixture.componentRef.setInput('status', 'stale');
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Someone else saved this centre while you were editing.');

    fixture.componentRef.setInput('status', 'ready');
    fixture.componentRef.setInput('latest', { ...RIVERSIDE, phone: '01235 999 999', version: 4 });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Phone is now “01235 999 999”.');
    expect(await name.getValue()).toBe('Riverside Clinic');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Discard my edits and use their version' }))).click();
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=name]' }))).getValue()).toBe('Riverside Centre');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save centre' }))).click();
    expect(saved[0].phone).toBe('01235 999 999');
  });
});
