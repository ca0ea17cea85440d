import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { HandoutSummary } from '../../../../../shared/api/handouts';
import { PatientHandoutsSection } from './patient-handouts-section';

describe('PatientHandoutsSection', () => {
  let fixture: ComponentFixture<PatientHandoutsSection>;
  let http: HttpTestingController;
  const summary = (overrides: Partial<HandoutSummary>): HandoutSummary => ({
    id: 'h1', patientId: 'p1', visitId: 'v1', centreId: 'c1', clinicianName: 'Dr Anna Hughes', issuedAt: '2026-11-26T10:00:00.000Z',
    largePrint: false, titles: ['Calf stretch at a wall', 'When to get help'], prints: 0, ...overrides,
  });

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PatientHandoutsSection],
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PatientHandoutsSection);
    fixture.componentRef.setInput('patientId', 'p1');
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;

  it('lists each issued sheet with date, clinician, modules, large print and prints, with Print and Download PDF', async () => {
    http.expectOne('/api/patients/p1/handouts').flush([summary({}), summary({ id: 'h2', largePrint: true, prints: 3, issuedAt: '2026-10-02T10:00:00.000Z' })]);
    await fixture.whenStable();
    fixture.detectChanges();
    const items = el().querySelectorAll('.sheets li');
    expect(items.length).toBe(2);
    expect(items[0]?.textContent).toContain('26 Nov 2026');
    expect(items[0]?.textContent).toContain('Dr Anna Hughes');
    expect(items[0]?.textContent).toContain('Calf stretch at a wall · When to get help');
    expect(items[0]?.textContent).toContain('Not printed yet');
    expect(items[1]?.textContent).toContain('Large print');
    expect(items[1]?.textContent).toContain('Printed 3 times');
    expect(items[1]?.querySelector('a[href="/handouts/h2/print"]')).not.toBeNull();
    expect(items[1]?.querySelector('a[download]')?.getAttribute('href')).toBe('/api/handouts/h2/pdf');
  });

  it('says when there are none, and offers no way to write one', async () => {
    http.expectOne('/api/patients/p1/handouts').flush([]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el().textContent).toContain('No advice sheets issued yet.');
    expect(el().querySelectorAll('button, a').length).toBe(0);
  });

  it('explains a failure and tries again', async () => {
    http.expectOne('/api/patients/p1/handouts').flush({ error: { code: 'not_found', message: 'That patient was not found.' } }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el().querySelector('[role="alert"]')?.textContent).toContain('That patient was not found.');
    el().querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    fixture.detectChanges();
    http.expectOne('/api/patients/p1/handouts').flush([]);
  });
});
