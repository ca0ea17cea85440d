import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { PublicRequestPage } from './public-request-page';

describe('PublicRequestPage', () => {
  let fixture: ComponentFixture<PublicRequestPage>;
  let http: HttpTestingController;

  async function setup(kind: 'callback' | 'appointment' = 'callback') {
    await TestBed.configureTestingModule({
      imports: [PublicRequestPage],
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PublicRequestPage);
    fixture.componentRef.setInput('kind', kind);
    await fixture.whenStable();
    http.expectOne('/api/public/centres').flush([{ id: 'c1', name: 'Riverside Centre' }, { id: 'c2', name: 'Hilltop Centre' }]);
    http.expectOne('/api/public/form-token').flush({ token: 'signed-token', issuedAt: '2026-11-26T10:00:00Z' });
    await fixture.whenStable();
    return TestbedHarnessEnvironment.loader(fixture);
  }

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const submit = async () => {
    element().querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  };

  it('tells the patient what to do with emergency symptoms before they start', async () => {
    await setup();
    const advice = element().querySelector('cd-emergency-advice')!;
    expect(advice.textContent).toContain('Call 999 or go to A&E now');
    expect(advice.textContent).toContain('NHS 111');
  });

  it('names each missing answer and sends nothing', async () => {
    await setup();
    await submit();
    http.expectNone('/api/public/requests');
    const summary = element().querySelector('[role=alert]')!;
    expect(summary.textContent).toContain('Enter your name.');
    expect(summary.textContent).toContain('Enter a phone number so we can call you back.');
    expect(summary.textContent).toContain('Tick the box so we can contact you about your request.');
    expect(document.activeElement).toBe(summary);
  });

  it('has a honeypot that people cannot see or reach', async () => {
    await setup();
    const trap = element().querySelector<HTMLInputElement>('input[name=website]')!;
    expect(trap).not.toBeNull();
    expect(trap.getAttribute('tabindex')).toBe('-1');
    expect(trap.getAttribute('autocomplete')).toBe('off');
    expect(trap.closest('[aria-hidden=true]')).not.toBeNull();
    const box = trap.getBoundingClientRect();
    expect(box.right <= 0 || box.width <= 1).toBeTrue();
  });

  it('sends the request with the form token and shows the reference and emergency advice', async () => {
    const loader = await setup();
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-name' }))).setValue('Ann Example');
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-phone' }))).setValue('07700 900123');
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-message' }))).setValue('Calf cramps at night');
    const centre = await loader.getHarness(MatSelectHarness);
    await centre.open();
    await centre.clickOptions({ text: 'Hilltop Centre' });
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /I agree/ }))).check();
    await submit();
    const post = http.expectOne('/api/public/requests');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({
      kind: 'callback', name: 'Ann Example', phone: '07700 900123', message: 'Calf cramps at night', centre: 'c2',
      preferredTime: 'any', consent: true, formToken: 'signed-token',
    });
    post.flush({ reference: 'CB-7K3QX' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(element().textContent).toContain('CB-7K3QX');
    expect(element().querySelector('cd-emergency-advice')!.textContent).toContain('do not wait for our call');
    expect(element().querySelector('form')).toBeNull();
  });

  it('shows the server’s field messages next to the fields', async () => {
    const loader = await setup();
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-name' }))).setValue('Ann Example');
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-phone' }))).setValue('01234 567890');
    await (await loader.getHarness(MatCheckboxHarness)).check();
    await submit();
    http.expectOne('/api/public/requests').flush(
      { error: { code: 'validation', message: 'Some fields need correcting.', fields: { phone: 'Enter a UK phone number such as 07700 900123.' } } },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element().querySelector('[role=alert]')!.textContent).toContain('Enter a UK phone number such as 07700 900123.');
  });

  it('asks appointment requests for days, time of day and whether they are new', async () => {
    const loader = await setup('appointment');
    expect(element().textContent).toContain('Days that suit you');
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-name' }))).setValue('Ben Example');
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-email' }))).setValue('ben@example.com');
    await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Tuesday' }))).check();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /I agree/ }))).check();
    element().querySelector<HTMLInputElement>('#field-newPatient input[value=yes]')?.click();
    await submit();
    const post = http.expectOne('/api/public/requests');
    expect(post.request.body).toEqual(jasmine.objectContaining({
      kind: 'appointment', email: 'ben@example.com', preferredDays: ['tue'], preferredTimeOfDay: 'any', newPatient: true,
    }));
    post.flush({ reference: 'AP-23456' }, { status: 202, statusText: 'Accepted' });
  });

  it('tells a patient who describes emergency symptoms not to wait for a callback', async () => {
    const loader = await setup();
    await (await loader.getHarness(MatInputHarness.with({ selector: '#field-message' }))).setValue("Back pain and I can't feel the toilet paper when I wipe");
    await new Promise((resolve) => setTimeout(resolve, 450));
    await fixture.whenStable();
    expect(element().querySelector('.screening')!.textContent).toContain('Please call 999 or go to A&E now');
  });
});
