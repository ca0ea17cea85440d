import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import type { AttemptInput } from '../../../../shared/api/requests';
import { AttemptForm } from './attempt-form';

describe('AttemptForm', () => {
  async function setup() {
    await TestBed.configureTestingModule({ imports: [AttemptForm], providers: [provideZonelessChangeDetection()] }).compileComponents();
    const fixture = TestBed.createComponent(AttemptForm);
    const sent: AttemptInput[] = [];
    fixture.componentInstance.submitted.subscribe((input) => sent.push(input));
    await fixture.whenStable();
    return { fixture, sent, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('asks for the outcome before logging', async () => {
    const { fixture, loader, sent } = await setup();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Log call' }))).click();
    expect(sent).toEqual([]);
    expect(fixture.nativeElement.textContent).toContain('Choose how the call went.');
  });

  it('logs the outcome, note and next attempt time', async () => {
    const { loader, sent } = await setup();
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: 'Voicemail left' });
    await (await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }))).setValue('  Left a message about Thursday  ');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[type=datetime-local]' }))).setValue('2026-11-27T10:30');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Log call' }))).click();
    expect(sent).toEqual([{
      outcome: 'voicemail', note: 'Left a message about Thursday', nextAttemptAt: new Date('2026-11-27T10:30').toISOString(),
    }]);
  });

  it('keeps what was typed until told to reset', async () => {
    const { fixture, loader } = await setup();
    const note = await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }));
    await note.setValue('Rang twice');
    expect(await note.getValue()).toBe('Rang twice');
    fixture.componentInstance.reset();
    expect(await note.getValue()).toBe('');
  });
});
