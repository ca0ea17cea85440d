import { HttpErrorResponse } from '@angular/common/http';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError } from 'rxjs';
import type { HandoutsApi } from '../data/handouts-api';
import { handoutFixture } from '../testing/handout-fixtures';
import { HandoutPrintApiActions, HandoutPrintPageActions } from './handout-print.actions';
import { loadHandout, openPrintDialog, recordPrint } from './handout-print.effects';
import { handoutPrintFeature, initialHandoutPrintState } from './handout-print.feature';

describe('handout print state', () => {
  let api: jasmine.SpyObj<HandoutsApi>;

  beforeEach(() => {
    api = jasmine.createSpyObj<HandoutsApi>('HandoutsApi', ['get', 'recordPrint']);
  });

  it('loads the issued snapshot', async () => {
    const handout = handoutFixture();
    api.get.and.returnValue(of(handout));
    expect(await firstValueFrom(loadHandout(of<Action>(HandoutPrintPageActions.opened({ id: 'h1' })), api))).toEqual(HandoutPrintApiActions.handoutLoaded({ handout }));
  });

  it('records each print and counts it', async () => {
    api.recordPrint.and.returnValue(of({ prints: 3 }));
    const action = await firstValueFrom(recordPrint(of<Action>(HandoutPrintPageActions.printClicked({ id: 'h1' })), api));
    expect(api.recordPrint).toHaveBeenCalledWith('h1');
    expect(action).toEqual(HandoutPrintApiActions.printRecorded({ prints: 3 }));
    const state = handoutPrintFeature.reducer({ ...initialHandoutPrintState, handout: handoutFixture({ prints: 2 }) }, action);
    expect(state.handout?.prints).toBe(3);
  });

  it('says so when a print could not be recorded', async () => {
    api.recordPrint.and.returnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    const action = await firstValueFrom(recordPrint(of<Action>(HandoutPrintPageActions.printClicked({ id: 'h1' })), api));
    expect(action.type).toBe(HandoutPrintApiActions.printRecordFailed.type);
  });

  it('opens the browser\'s print dialog', async () => {
    const print = jasmine.createSpy('print');
    const doc = { defaultView: { print } } as unknown as Document;
    await firstValueFrom(openPrintDialog(of<Action>(HandoutPrintPageActions.printClicked({ id: 'h1' })), doc));
    expect(print).toHaveBeenCalled();
  });

  it('hands the snapshot\'s modules and personal details to the sheet', () => {
    const handout = handoutFixture();
    const sections = handoutPrintFeature.selectSections.projector(handout);
    expect(sections.map((s) => s.module.key)).toEqual(['calf-stretch-wall', 'when-to-get-help']);
    expect(handoutPrintFeature.selectSections.projector(null)).toEqual([]);
  });
});
