import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  Appointment, AppointmentType, BookingInput, Clinician, MoveInput, Slot, SlotQuery, Today,
} from '../../../../shared/api/diary';
import type { RequestDetail } from '../../../../shared/api/requests';

/** Every change names the version the user saw; the server answers 412 when it is stale. */
export function ifMatch(version: number): { headers: HttpHeaders } {
  return { headers: new HttpHeaders({ 'If-Match': `"${version}"` }) };
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params = params.append(key, String(item));
    } else {
      params = params.set(key, String(value));
    }
  }
  return params;
}

@Injectable({ providedIn: 'root' })
export class DiaryApi {
  private readonly http = inject(HttpClient);

  appointmentTypes(): Observable<AppointmentType[]> {
    return this.http.get<AppointmentType[]>('/api/appointment-types');
  }

  clinicians(centreId: string): Observable<Clinician[]> {
    return this.http.get<Clinician[]>('/api/clinicians', { params: toParams({ centreId }) });
  }

  day(centreId: string, date: string, clinicianId?: string): Observable<Appointment[]> {
    return this.http.get<Appointment[]>('/api/appointments', { params: toParams({ centreId, date, clinicianId }) });
  }

  appointment(id: string): Observable<Appointment> {
    return this.http.get<Appointment>(`/api/appointments/${encodeURIComponent(id)}`);
  }

  today(clinicianId?: string): Observable<Today> {
    return this.http.get<Today>('/api/today', { params: toParams({ clinicianId }) });
  }

  slots(query: SlotQuery): Observable<Slot[]> {
    return this.http.get<Slot[]>('/api/slots', { params: toParams(query) });
  }

  book(input: BookingInput): Observable<Appointment> {
    return this.http.post<Appointment>('/api/appointments', input);
  }

  move(appointment: Pick<Appointment, 'id' | 'version'>, input: MoveInput): Observable<Appointment> {
    return this.http.post<Appointment>(`/api/appointments/${encodeURIComponent(appointment.id)}/move`, input, ifMatch(appointment.version));
  }

  cancel(appointment: Pick<Appointment, 'id' | 'version'>, reason?: string): Observable<Appointment> {
    return this.http.post<Appointment>(
      `/api/appointments/${encodeURIComponent(appointment.id)}/cancel`, reason ? { reason } : {}, ifMatch(appointment.version));
  }

  markAttended(appointment: Pick<Appointment, 'id' | 'version'>): Observable<Appointment> {
    return this.http.post<Appointment>(`/api/appointments/${encodeURIComponent(appointment.id)}/attended`, {}, ifMatch(appointment.version));
  }

  markDidNotAttend(appointment: Pick<Appointment, 'id' | 'version'>): Observable<Appointment> {
    return this.http.post<Appointment>(`/api/appointments/${encodeURIComponent(appointment.id)}/did-not-attend`, {}, ifMatch(appointment.version));
  }

  /** The web request a booking answers: its preferences prefill the slot finder. */
  request(id: string): Observable<RequestDetail> {
    return this.http.get<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  }
}
