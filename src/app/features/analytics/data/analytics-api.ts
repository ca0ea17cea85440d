import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Analytics } from '../../../../shared/api/analytics';

export interface AnalyticsRequest {
  from: string;
  to: string;
  /** Omitted: every centre the manager may see. */
  centreIds?: readonly string[];
}

@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly http = inject(HttpClient);

  load(request: AnalyticsRequest): Observable<Analytics> {
    let params = new HttpParams().set('from', request.from).set('to', request.to);
    if (request.centreIds?.length) params = params.set('centres', request.centreIds.join(','));
    return this.http.get<Analytics>('/api/analytics', { params });
  }
}
