import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { NewVisit, Progress, VisitDto, VisitSummary } from '../../../../shared/api/visits';
import type { CrampProfile, ExamContent, Finding, OutcomeAnswers } from '../../../../shared/exam';

/** A visit whose `content` is typed: the API contract keeps it `unknown` to keep TypeBox out of the bundle. */
export interface Visit extends Omit<VisitDto, 'content'> {
  content: ExamContent;
}

/** One visit on the progress page, typed for the shared scoring rules. */
export interface ProgressVisit {
  id: string;
  visitDate: string;
  status: 'draft' | 'signed';
  outcomes: OutcomeAnswers;
  crampProfile: CrampProfile;
  findings: Finding[];
}

/** Every change names the version the user saw; the server answers 412 when it is stale. */
function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': `"${version}"` }) };
}

@Injectable({ providedIn: 'root' })
export class VisitsApi {
  private readonly http = inject(HttpClient);

  /** Summaries only (dates, clinician, status): what any staff member may see. */
  list(patientId: string): Observable<VisitSummary[]> {
    return this.http.get<VisitSummary[]>(`/api/patients/${encodeURIComponent(patientId)}/visits`);
  }

  create(patientId: string, input: NewVisit): Observable<Visit> {
    return this.http.post<Visit>(`/api/patients/${encodeURIComponent(patientId)}/visits`, input);
  }

  get(visitId: string): Observable<Visit> {
    return this.http.get<Visit>(`/api/visits/${encodeURIComponent(visitId)}`);
  }

  save(visitId: string, version: number, content: ExamContent): Observable<Visit> {
    return this.http.put<Visit>(`/api/visits/${encodeURIComponent(visitId)}`, { content }, ifMatch(version));
  }

  sign(visitId: string, version: number): Observable<Visit> {
    return this.http.post<Visit>(`/api/visits/${encodeURIComponent(visitId)}/sign`, {}, ifMatch(version));
  }

  addAddendum(visitId: string, text: string): Observable<Visit> {
    return this.http.post<Visit>(`/api/visits/${encodeURIComponent(visitId)}/addenda`, { text });
  }

  progress(patientId: string): Observable<ProgressVisit[]> {
    return this.http
      .get<Progress>(`/api/patients/${encodeURIComponent(patientId)}/progress`)
      .pipe(map((p) => p.visits as ProgressVisit[]));
  }
}
