import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { visitFixture } from '../testing/exam-fixtures';
import { NewVisitPage } from './new-visit-page';

describe('NewVisitPage', () => {
  let http: HttpTestingController;
  let router: Router;

  async function open(inputs: Record<string, string>) {
    await TestBed.configureTestingModule({
      imports: [NewVisitPage],
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    spyOn(router, 'navigate').and.resolveTo(true);
    const fixture = TestBed.createComponent(NewVisitPage);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    await fixture.whenStable();
    return fixture;
  }

  it('starts the visit (copying the last findings when asked) and opens it in place of this page', async () => {
    await open({ patientId: 'p1', appointmentId: 'a1', copyFromLast: 'true' });
    const req = http.expectOne({ method: 'POST', url: '/api/patients/p1/visits' });
    expect(req.request.body).toEqual({ appointmentId: 'a1', copyFromLast: true });
    req.flush(visitFixture({ id: 'v9' }));
    expect(router.navigate).toHaveBeenCalledWith(['/visits', 'v9'], { replaceUrl: true });
  });

  it('opens the visit an appointment already has instead of starting a second one', async () => {
    await open({ patientId: 'p1', appointmentId: 'a1' });
    http.expectOne({ method: 'POST', url: '/api/patients/p1/visits' })
      .flush({ error: { code: 'visit_exists', message: 'This appointment already has a visit.' } }, { status: 409, statusText: 'Conflict' });
    http.expectOne('/api/patients/p1/visits').flush([{ ...visitFixture({ id: 'v3', appointmentId: 'a1' }), content: undefined }]);
    expect(router.navigate).toHaveBeenCalledWith(['/visits', 'v3'], { replaceUrl: true });
  });

  it('explains when no patient was given', async () => {
    const fixture = await open({});
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No patient was given');
  });
});
