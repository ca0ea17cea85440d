import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AdviceModule } from '../../../../shared/advice';
import type { AdviceModuleVersion } from '../../../../shared/api/handouts';
import type { LibraryEntry } from './handouts-api';

export interface LibraryVersion extends Omit<AdviceModuleVersion, 'module'> {
  module: AdviceModule;
}

export interface LibraryModuleDetail {
  current: LibraryEntry;
  versions: LibraryVersion[];
}

@Injectable({ providedIn: 'root' })
export class AdviceApi {
  private readonly http = inject(HttpClient);

  list(): Observable<LibraryEntry[]> {
    return this.http.get<LibraryEntry[]>('/api/advice/modules');
  }

  get(key: string): Observable<LibraryModuleDetail> {
    return this.http.get<LibraryModuleDetail>(`/api/advice/modules/${encodeURIComponent(key)}`);
  }

  create(module: AdviceModule, active: boolean): Observable<LibraryEntry> {
    return this.http.post<LibraryEntry>('/api/advice/modules', { module, active });
  }

  /** Every save is a new version; `version` is the row version the manager started from. */
  update(module: AdviceModule, active: boolean, version: number): Observable<LibraryEntry> {
    return this.http.put<LibraryEntry>(`/api/advice/modules/${encodeURIComponent(module.key)}`, { module, active }, {
      headers: new HttpHeaders({ 'If-Match': `"${version}"` }),
    });
  }
}
