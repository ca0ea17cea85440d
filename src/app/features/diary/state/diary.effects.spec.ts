import { HttpErrorResponse } from '@angular/common/http';
import type { Action } from '@ngrx/store';
import type { Store } from '@ngrx/store';
import { firstValueFrom, of, Subject, throwError, toArray } from 'rxjs';
import type { LiveChange, LiveEvents } from '../../../core/live/live-events';
import type { DiaryApi } from '../data/diary-api';
import { appointmentFixture } from '../testing/diary-fixtures';
import { DiaryApiActions, DiaryLiveActions, DiaryPageActions } from './diary.actions';
import { changeStatus, liveChanges, loadDay, reloadDayOnLiveChange } from './diary.effects';
import { initialDiaryState, type DiaryState } from './diary.feature';

function storeWith(state: Partial<DiaryState>): Store {
  return { select: () => of({ ...initialDiaryState, ...state }) } as unknown as Store;
}

describe('diary effects', () => {
  let api: jasmine.SpyObj<DiaryApi>;

  beforeEach(() => {
    api = jasmine.createSpyObj<DiaryApi>('DiaryApi', ['day', 'markAttended', 'markDidNotAttend', 'cancel']);
  });

  it('loads the day on screen', async () => {
    api.day.and.returnValue(of([appointmentFixture()]));
    const store = storeWith({ centreId: 'c1', date: '2026-11-26' });
    const action = await firstValueFrom(loadDay(of(DiaryPageActions.refreshClicked()), store, api));
    expect(api.day).toHaveBeenCalledWith('c1', '2026-11-26');
    expect(action).toEqual(DiaryApiActions.dayLoaded({ centreId: 'c1', date: '2026-11-26', appointments: [appointmentFixture()] }));
  });

  it('turns a failed load into a failure action with the server\'s message', async () => {
    api.day.and.returnValue(throwError(() => new HttpErrorResponse({ status: 500, error: { error: { code: 'x', message: 'Database busy.' } } })));
    const store = storeWith({ centreId: 'c1', date: '2026-11-26' });
    const action = await firstValueFrom(loadDay(of(DiaryPageActions.refreshClicked()), store, api));
    expect(action.type).toBe(DiaryApiActions.dayLoadFailed.type);
    expect((action as ReturnType<typeof DiaryApiActions.dayLoadFailed>).error.message).toBe('Database busy.');
  });

  it('turns server events about appointments into actions and ignores other events', async () => {
    const changes = new Subject<LiveChange>();
    const live = { changes$: changes.asObservable() } as unknown as LiveEvents;
    const result = firstValueFrom(liveChanges(live).pipe(toArray()));
    changes.next({ type: 'request.created', id: 'r1', at: '' });
    changes.next({ type: 'appointment.changed', id: 'a1', centreId: 'c1', at: '' });
    changes.complete();
    expect(await result).toEqual([DiaryLiveActions.appointmentChanged({ id: 'a1', centreId: 'c1' })]);
  });

  it('reloads the open day when an appointment of its centre changes, not for another centre', async () => {
    api.day.and.returnValue(of([]));
    const store = storeWith({ active: true, centreId: 'c1', date: '2026-11-26' });
    const actions$ = of<Action>(DiaryLiveActions.appointmentChanged({ id: 'a9', centreId: 'c2' }));
    const none = await firstValueFrom(reloadDayOnLiveChange(actions$, store, api).pipe(toArray()));
    expect(none).toEqual([]);
    const some = await firstValueFrom(reloadDayOnLiveChange(of<Action>(DiaryLiveActions.appointmentChanged({ id: 'a1', centreId: 'c1' })), store, api).pipe(toArray()));
    expect(some.length).toBe(1);
    expect(api.day).toHaveBeenCalledTimes(1);
  });

  it('marks attended with the version the user saw, and reports a refusal', async () => {
    const appointment = appointmentFixture({ version: 4 });
    api.markAttended.and.returnValue(of({ ...appointment, status: 'attended', version: 5 }));
    const ok = await firstValueFrom(changeStatus(of<Action>(DiaryPageActions.attendedClicked({ appointment })), api));
    expect(api.markAttended).toHaveBeenCalledWith(appointment);
    expect(ok).toEqual(DiaryApiActions.appointmentUpdated({ appointment: { ...appointment, status: 'attended', version: 5 } }));

    api.cancel.and.returnValue(throwError(() => new HttpErrorResponse({ status: 412, error: { error: { code: 'stale', message: 'Changed by someone else.' } } })));
    const refused = await firstValueFrom(changeStatus(of<Action>(DiaryPageActions.cancelConfirmed({ appointment, reason: 'ill' })), api));
    expect(api.cancel).toHaveBeenCalledWith(appointment, 'ill');
    expect(refused.type).toBe(DiaryApiActions.appointmentUpdateFailed.type);
  });
});
