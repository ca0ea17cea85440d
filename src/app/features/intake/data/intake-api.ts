import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { FormToken, PublicCentre, PublicRequestAccepted, PublicRequestInput } from '../../../../shared/api/requests';

/** The public intake API: no sign-in, used by the patient-facing forms. */
@Injectable({ providedIn: 'root' })
export class IntakeApi {
  private readonly http = inject(HttpClient);

  centres(): Observable<PublicCentre[]> {
    return this.http.get<PublicCentre[]>('/api/public/centres');
  }

  formToken(): Observable<FormToken> {
    return this.http.get<FormToken>('/api/public/form-token');
  }

  submit(input: PublicRequestInput): Observable<PublicRequestAccepted> {
    return this.http.post<PublicRequestAccepted>('/api/public/requests', input);
  }
}
