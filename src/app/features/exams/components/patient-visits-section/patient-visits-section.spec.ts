import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import type { VisitSummary } from '../../../../../shared/api/visits';
import type { Role } from '../../../../../shared/roles';
import { sessionFixture } from '../../../../testing/fixtures';
import { PatientVisitsSection } from './patient-visits-section';

const summary = (id: string, visitDate: string, status: 'draft' | 'signed'): VisitSummary => ({
  id, patientId: 'p1', centreId: 'c1', clinicianId: 'u', clinicianName: 'Dr Jane Smith', appointmentId: null, visitDate, status, signedAt: null,
});

describe('PatientVisitsSection', () => {
  let fixture: ComponentFixture<PatientVisitsSection>;
  const el = () => fixture.nativeElement as HTMLElement;

  async function create(role: Role) {
    await TestBed.configureTestingModule({
      imports: [PatientVisitsSection],
      providers: [
        provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([]),
        provideMockStore({ initialState: { auth: { status: 'signed-in', session: sessionFixture({ role }), endedReason: null } } }),
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(PatientVisitsSection);
    fixture.componentRef.setInput('patientId', 'p1');
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/patients/p1/visits')
      .flush([summary('v1', '2026-10-01', 'signed'), summary('v2', '2026-10-15', 'draft')]);
    await fixture.whenStable();
  }

  it('lists visits newest first with links, and lets a chiropractor start one (fresh or from the last)', async () => {
    await create('chiropractor');
    const links = Array.from(el().querySelectorAll<HTMLAnchorElement>('.visits a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/visits/v2', '/visits/v1']);
    expect(el().querySelector('a[href="/visits/new?patientId=p1"]')?.textContent).toContain('New visit');
    expect(el().querySelector('a[href="/visits/new?patientId=p1&copyFromLast=true"]')?.textContent).toContain('New visit from last');
    expect(el().querySelector('a[href="/visits/progress/p1"]')).not.toBeNull();
  });

  it('gives a receptionist the dates only: no links into clinical notes', async () => {
    await create('receptionist');
    expect(el().querySelectorAll('.visits li').length).toBe(2);
    expect(el().querySelectorAll('a').length).toBe(0);
  });
});
