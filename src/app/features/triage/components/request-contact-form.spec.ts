import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { RequestDetail } from '../../../../shared/api/requests';
import { detailFixture } from '../testing/request-fixtures';
import { RequestContactForm, type RequestContactValue } from './request-contact-form';

const CENTRES = [{ id: 'c1', name: 'Riverside Centre' }, { id: 'c2', name: 'Hilltop Centre' }];

describe('RequestContactForm', () => {
  let fixture: ComponentFixture<RequestContactForm>;

  async function setup(inputs: { mode?: 'create' | 'edit'; request?: RequestDetail; defaultCentreId?: string } = {}) {
    await TestBed.configureTestingModule({ imports: [RequestContactForm], providers: [provideZonelessChangeDetection()] }).compileComponents();
    fixture = TestBed.createComponent(RequestContactForm);
    fixture.componentRef.setInput('centres', CENTRES);
    if (inputs.mode) fixture.componentRef.setInput('mode', inputs.mode);
    if (inputs.request) fixture.componentRef.setInput('request', inputs.request);
    if (inputs.defaultCentreId) fixture.componentRef.setInput('defaultCentreId', inputs.defaultCentreId);
    const sent: RequestContactValue[] = [];
    fixture.componentInstance.submitted.subscribe((value) => sent.push(value));
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: new RegExp(`^${label}`) }));
    const input = async (label: string) => (await (await field(label)).getControl(MatInputHarness))!;
    const select = async (label: string) => (await (await field(label)).getControl(MatSelectHarness))!;
    return { loader, sent, input, select };
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  it('will not add a callback without a phone number, and says why', async () => {
    const { loader, sent, input } = await setup({ defaultCentreId: 'c1' });
    await (await input('Name')).setValue('Ann Example');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add request' }))).click();
    expect(sent).toEqual([]);
    expect(text()).toContain('A callback needs a phone number.');
  });

  it('asks for the centre when the user has several and none is chosen', async () => {
    const { loader, sent, input } = await setup();
    await (await input('Name')).setValue('Ann Example');
    await (await input('Phone')).setValue('07700 900123');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add request' }))).click();
    expect(sent).toEqual([]);
    expect(text()).toContain('Choose the centre.');
  });

  it('sends a walk-in appointment request with its preferences, trimmed', async () => {
    const { loader, sent, input, select } = await setup({ defaultCentreId: 'c2' });
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: 'Appointment request' });
    await (await select('Taken')).clickOptions({ text: 'Walk-in' });
    await (await input('Name')).setValue('  Bob Example ');
    await (await input('Email')).setValue('bob@example.com');
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Tuesday' }))).check();
    await (await select('Time of day')).clickOptions({ text: 'Morning' });
    await (await select('New patient')).clickOptions({ text: 'Yes' });
    await (await input('What they said')).setValue(' Stiff neck after a fall ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add request' }))).click();
    expect(sent).toEqual([{
      source: 'walk-in',
      request: {
        kind: 'appointment', name: 'Bob Example', phone: '', email: 'bob@example.com', centreId: 'c2', message: 'Stiff neck after a fall',
        preferredDays: ['tue'], preferredTimeOfDay: 'morning', newPatient: true,
      },
    }]);
  });

  it('opens with the request as stored and sends untouched preferences back unchanged', async () => {
    const request = detailFixture({
      name: 'Cara Example', phone: '01632 960001', email: null, centre: { id: 'c1', name: 'Riverside Centre' }, message: 'Sore back',
      preferences: { preferredTime: null, preferredDays: [], preferredTimeOfDay: null, newPatient: null },
    });
    const { loader, sent, input } = await setup({ mode: 'edit', request });
    expect(await (await input('Name')).getValue()).toBe('Cara Example');
    expect(await (await input('Phone')).getValue()).toBe('01632 960001');
    expect(await loader.getHarnessOrNull(MatFormFieldHarness.with({ floatingLabelText: 'Taken' }))).toBeNull();
    await (await input('Phone')).setValue('07700 900999');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save details' }))).click();
    expect(sent.length).toBe(1);
    expect(sent[0]!.request).toEqual({
      kind: 'callback', name: 'Cara Example', phone: '07700 900999', email: '', centreId: 'c1', message: 'Sore back', preferredTime: null,
    });
  });

  it('shows the server’s word under the field it is about', async () => {
    await setup({ mode: 'edit', request: detailFixture() });
    fixture.componentRef.setInput('fieldErrors', { phone: 'Enter a UK phone number such as 07700 900123.' });
    await fixture.whenStable();
    expect(text()).toContain('Enter a UK phone number such as 07700 900123.');
  });

  it('keeps the typing when the request changes underneath (a live update)', async () => {
    const { input } = await setup({ mode: 'edit', request: detailFixture({ name: 'Dee Example' }) });
    await (await input('Name')).setValue('Dee Examples');
    fixture.componentRef.setInput('request', detailFixture({ name: 'Someone Else', version: 9 }));
    await fixture.whenStable();
    expect(await (await input('Name')).getValue()).toBe('Dee Examples');
  });
});
