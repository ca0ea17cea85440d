import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AttemptInput, CloseInput, QueuePage, QueueQuery, RequestDetail, RequestUpdate, StaffRequestInput,
} from '../../../../shared/api/requests';

/** Every write names the version the user was looking at; the server answers 412 when it is stale. */
function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': `"${version}"` }) };
}

const base = (id: string) => `/api/requests/${encodeURIComponent(id)}`;

@Injectable({ providedIn: 'root' })
export class RequestsApi {
  private readonly http = inject(HttpClient);

  list(query: QueueQuery): Observable<QueuePage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      // A list repeats its parameter (ids=a&ids=b), as the API reads it.
      if (Array.isArray(value)) for (const item of value) params = params.append(key, String(item));
      else if (value !== undefined && value !== '' && value !== false) params = params.set(key, String(value));
    }
    return this.http.get<QueuePage>('/api/requests', { params });
  }

  get(id: string): Observable<RequestDetail> {
    return this.http.get<RequestDetail>(base(id));
  }

  /** A request taken on the phone or at the desk. */
  create(input: StaffRequestInput): Observable<RequestDetail> {
    return this.http.post<RequestDetail>('/api/requests', input);
  }

  /** Contact details, centre, kind, preferences and message; the server screens the message again. */
  update(id: string, version: number, input: RequestUpdate): Observable<RequestDetail> {
    return this.http.put<RequestDetail>(base(id), input, ifMatch(version));
  }

  /** Managers: give the request to another member of the desk. */
  reassign(id: string, version: number, staffId: string): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/reassign`, { staffId }, ifMatch(version));
  }

  claim(id: string, version: number): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/claim`, {}, ifMatch(version));
  }

  release(id: string, version: number): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/release`, {}, ifMatch(version));
  }

  acknowledgeFlags(id: string, version: number): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/acknowledge-flags`, {}, ifMatch(version));
  }

  logAttempt(id: string, version: number, input: AttemptInput): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/attempts`, input, ifMatch(version));
  }

  close(id: string, version: number, input: CloseInput): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/close`, input, ifMatch(version));
  }

  reopen(id: string, version: number): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/reopen`, {}, ifMatch(version));
  }

  linkPatient(id: string, version: number, patientId: string | null): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/link-patient`, { patientId }, ifMatch(version));
  }

  restore(id: string, version: number): Observable<RequestDetail> {
    return this.http.post<RequestDetail>(`${base(id)}/restore`, {}, ifMatch(version));
  }
}
