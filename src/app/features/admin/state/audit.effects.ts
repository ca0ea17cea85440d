import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, map, of, switchMap, withLatestFrom } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { AdminApi } from '../data/admin-api';
import { AuditApiActions, AuditPageActions } from './audit.actions';
import { auditQuery } from './audit-query';
import { AUDIT_PAGE_SIZE, auditFeature } from './audit.feature';

export const loadAudit = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi), store = inject(Store)) =>
    actions$.pipe(
      ofType(AuditPageActions.opened, AuditPageActions.filtersApplied, AuditPageActions.retryClicked),
      withLatestFrom(store.select(auditFeature.selectFilters)),
      switchMap(([, filters]) =>
        api.listAudit(auditQuery(filters)).pipe(
          map((events) => AuditApiActions.eventsLoaded({ events, hasOlder: events.length === AUDIT_PAGE_SIZE })),
          catchError((error: unknown) => of(AuditApiActions.eventsLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadOlderAudit = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi), store = inject(Store)) =>
    actions$.pipe(
      ofType(AuditPageActions.loadOlderClicked),
      withLatestFrom(store.select(auditFeature.selectFilters), store.select(auditFeature.selectOldestSeq)),
      exhaustMap(([, filters, oldestSeq]) =>
        api.listAudit({ ...auditQuery(filters), ...(oldestSeq ? { beforeSeq: oldestSeq } : {}) }).pipe(
          map((events) => AuditApiActions.olderEventsLoaded({ events, hasOlder: events.length === AUDIT_PAGE_SIZE })),
          catchError((error: unknown) => of(AuditApiActions.eventsLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);
