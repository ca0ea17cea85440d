import { HttpErrorResponse } from '@angular/common/http';
import type { Router } from '@angular/router';
import type { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, throwError } from 'rxjs';
import type { HandoutsApi } from '../data/handouts-api';
import { bundleFixture, handoutFixture } from '../testing/handout-fixtures';
import { SheetEditorApiActions, SheetEditorPageActions } from './sheet-editor.actions';
import { issueSheet, loadDraft, openIssuedSheet } from './sheet-editor.effects';
import { initialSheetEditorState } from './sheet-editor.feature';

describe('sheet editor effects', () => {
  let api: jasmine.SpyObj<HandoutsApi>;

  beforeEach(() => {
    api = jasmine.createSpyObj<HandoutsApi>('HandoutsApi', ['draft', 'issue']);
  });

  it('loads the draft for the visit that was opened', async () => {
    const bundle = bundleFixture();
    api.draft.and.returnValue(of(bundle));
    const store = { select: () => of(null) } as unknown as Store;
    const action = await firstValueFrom(loadDraft(of<Action>(SheetEditorPageActions.opened({ visitId: 'v1' })), store, api));
    expect(api.draft).toHaveBeenCalledWith('v1');
    expect(action).toEqual(SheetEditorApiActions.draftLoaded({ bundle }));
  });

  it('retries with the visit in the store and reports a failure in words', async () => {
    api.draft.and.returnValue(throwError(() => new HttpErrorResponse({ status: 404, error: { error: { code: 'not-found', message: 'That visit was not found.' } } })));
    const store = { select: () => of('v9') } as unknown as Store;
    const action = await firstValueFrom(loadDraft(of<Action>(SheetEditorPageActions.retryClicked()), store, api));
    expect(api.draft).toHaveBeenCalledWith('v9');
    expect(action).toEqual(SheetEditorApiActions.draftLoadFailed({ error: { status: 404, code: 'not-found', message: 'That visit was not found.', fields: {} } }));
  });

  it('issues the sheet as edited, with large print as set', async () => {
    const handout = handoutFixture();
    api.issue.and.returnValue(of(handout));
    const state = {
      ...initialSheetEditorState, visitId: 'v1', largePrint: true,
      items: [{ moduleKey: 'calf-stretch-wall', reason: 'why' }], leftOut: [{ moduleKey: 'fluids', reason: 'no' }],
      personal: { 'calf-stretch-wall': { repetitions: 5 } }, notes: ['not printed'],
    };
    const store = { select: () => of(state) } as unknown as Store;
    const action = await firstValueFrom(issueSheet(of<Action>(SheetEditorPageActions.issueClicked()), store, api));
    expect(api.issue).toHaveBeenCalledWith('v1', {
      draft: { items: state.items, leftOut: state.leftOut, personal: state.personal },
      largePrint: true,
    });
    expect(action).toEqual(SheetEditorApiActions.sheetIssued({ handout }));
  });

  it('turns a refused issue into a failure action with the field messages', async () => {
    api.issue.and.returnValue(throwError(() => new HttpErrorResponse({
      status: 400, error: { error: { code: 'invalid', message: 'Some fields need correcting.', fields: { 'draft.items': 'Choose at least one module.' } } },
    })));
    const store = { select: () => of({ ...initialSheetEditorState, visitId: 'v1' }) } as unknown as Store;
    const action = await firstValueFrom(issueSheet(of<Action>(SheetEditorPageActions.issueClicked()), store, api));
    expect(action).toEqual(SheetEditorApiActions.issueFailed({
      error: { status: 400, code: 'invalid', message: 'Some fields need correcting.', fields: { 'draft.items': 'Choose at least one module.' } },
    }));
  });

  it('opens the print view of the issued sheet', async () => {
    const router = jasmine.createSpyObj<Router>('Router', ['navigate']);
    router.navigate.and.resolveTo(true);
    await firstValueFrom(openIssuedSheet(of<Action>(SheetEditorApiActions.sheetIssued({ handout: handoutFixture({ id: 'h7' }) })), router));
    expect(router.navigate).toHaveBeenCalledWith(['/handouts', 'h7', 'print']);
  });
});
