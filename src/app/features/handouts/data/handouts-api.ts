import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { forkJoin, map, type Observable } from 'rxjs';
import type { AdviceModule, DraftedSheet, SheetDraft } from '../../../../shared/advice';
import type { AdviceModuleEntry, HandoutDraftDto, HandoutDto, HandoutSummary } from '../../../../shared/api/handouts';
import type { VisitDto } from '../../../../shared/api/visits';

/** A library entry with its module typed (the API contract keeps it loose for the bundle's sake). */
export interface LibraryEntry extends Omit<AdviceModuleEntry, 'module'> {
  module: AdviceModule;
}

/** What the sheet editor needs to open: the rules' draft, the library and who the sheet is for. */
export interface SheetDraftBundle {
  draft: DraftedSheet;
  library: LibraryEntry[];
  largePrint: boolean;
  visit: { id: string; patientId: string; patientName: string; centreId: string; visitDate: string };
}

export interface IssueRequest {
  draft: SheetDraft;
  largePrint: boolean;
}

export function handoutPdfUrl(id: string): string {
  return `/api/handouts/${encodeURIComponent(id)}/pdf`;
}

export function handoutPrintPath(id: string): string[] {
  return ['/handouts', id, 'print'];
}

@Injectable({ providedIn: 'root' })
export class HandoutsApi {
  private readonly http = inject(HttpClient);

  /** The draft and the visit's header facts together, so the preview can name the patient. */
  draft(visitId: string): Observable<SheetDraftBundle> {
    const id = encodeURIComponent(visitId);
    return forkJoin({
      dto: this.http.get<HandoutDraftDto>(`/api/visits/${id}/handout-draft`),
      visit: this.http.get<VisitDto>(`/api/visits/${id}`),
    }).pipe(
      map(({ dto, visit }) => ({
        draft: dto.draft as DraftedSheet,
        library: dto.library as LibraryEntry[],
        largePrint: dto.largePrint,
        visit: { id: visit.id, patientId: visit.patientId, patientName: visit.patientName, centreId: visit.centreId, visitDate: visit.visitDate },
      })),
    );
  }

  issue(visitId: string, request: IssueRequest): Observable<HandoutDto> {
    return this.http.post<HandoutDto>(`/api/visits/${encodeURIComponent(visitId)}/handouts`, request);
  }

  listForPatient(patientId: string): Observable<HandoutSummary[]> {
    return this.http.get<HandoutSummary[]>(`/api/patients/${encodeURIComponent(patientId)}/handouts`);
  }

  get(id: string): Observable<HandoutDto> {
    return this.http.get<HandoutDto>(`/api/handouts/${encodeURIComponent(id)}`);
  }

  recordPrint(id: string): Observable<{ prints: number }> {
    return this.http.post<{ prints: number }>(`/api/handouts/${encodeURIComponent(id)}/prints`, { kind: 'print' });
  }
}

