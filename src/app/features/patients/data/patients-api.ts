import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  Patient, PatientDetail, PatientExport, PatientInput, PatientPage, PatientSearchQuery,
} from '../../../../shared/api/diary';

function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': `"${version}"` }) };
}

@Injectable({ providedIn: 'root' })
export class PatientsApi {
  private readonly http = inject(HttpClient);

  search(query: PatientSearchQuery): Observable<PatientPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<PatientPage>('/api/patients', { params });
  }

  get(id: string): Observable<PatientDetail> {
    return this.http.get<PatientDetail>(`/api/patients/${encodeURIComponent(id)}`);
  }

  create(input: PatientInput): Observable<Patient> {
    return this.http.post<Patient>('/api/patients', input);
  }

  update(id: string, version: number, input: PatientInput): Observable<Patient> {
    return this.http.put<Patient>(`/api/patients/${encodeURIComponent(id)}`, input, ifMatch(version));
  }

  merge(survivor: Pick<Patient, 'id' | 'version'>, duplicateId: string, duplicateVersion: number): Observable<PatientDetail> {
    return this.http.post<PatientDetail>(
      `/api/patients/${encodeURIComponent(survivor.id)}/merge`, { duplicateId, duplicateVersion }, ifMatch(survivor.version));
  }

  anonymise(patient: Pick<Patient, 'id' | 'version'>, reason: string): Observable<Patient> {
    return this.http.post<Patient>(`/api/patients/${encodeURIComponent(patient.id)}/anonymise`, { reason }, ifMatch(patient.version));
  }

  export(id: string): Observable<PatientExport> {
    return this.http.get<PatientExport>(`/api/patients/${encodeURIComponent(id)}/export`);
  }
}
