import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AuditEvent, AuditQuery, Centre, CentreInput, OneTimePassword, SecuritySettings, Staff, StaffCreate, StaffUpdate,
} from '../../../../shared/api/foundation';
import type { Role } from '../../../../shared/roles';

/** Every edit names the version the user started from; the server answers 412 when it is stale. */
function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': `"${version}"` }) };
}

@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  listStaff(): Observable<Staff[]> {
    return this.http.get<Staff[]>('/api/staff');
  }

  getStaff(id: string): Observable<Staff> {
    return this.http.get<Staff>(`/api/staff/${encodeURIComponent(id)}`);
  }

  createStaff(input: StaffCreate): Observable<OneTimePassword> {
    return this.http.post<OneTimePassword>('/api/staff', input);
  }

  updateStaff(id: string, version: number, input: StaffUpdate): Observable<Staff> {
    return this.http.put<Staff>(`/api/staff/${encodeURIComponent(id)}`, input, ifMatch(version));
  }

  resetPassword(id: string): Observable<OneTimePassword> {
    return this.http.post<OneTimePassword>(`/api/staff/${encodeURIComponent(id)}/reset-password`, {});
  }

  resetTwoFactor(id: string): Observable<Staff> {
    return this.http.post<Staff>(`/api/staff/${encodeURIComponent(id)}/reset-totp`, {});
  }

  listCentres(): Observable<Centre[]> {
    return this.http.get<Centre[]>('/api/centres');
  }

  getCentre(id: string): Observable<Centre> {
    return this.http.get<Centre>(`/api/centres/${encodeURIComponent(id)}`);
  }

  createCentre(input: CentreInput): Observable<Centre> {
    return this.http.post<Centre>('/api/centres', input);
  }

  updateCentre(id: string, version: number, input: CentreInput): Observable<Centre> {
    return this.http.put<Centre>(`/api/centres/${encodeURIComponent(id)}`, input, ifMatch(version));
  }

  getSecurity(): Observable<SecuritySettings> {
    return this.http.get<SecuritySettings>('/api/settings/security');
  }

  updateSecurity(version: number, totpRequiredRoles: Role[]): Observable<SecuritySettings> {
    return this.http.put<SecuritySettings>('/api/settings/security', { totpRequiredRoles }, ifMatch(version));
  }

  listAudit(query: AuditQuery): Observable<AuditEvent[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<AuditEvent[]>('/api/audit', { params });
  }
}
