import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { AdviceModule, PersonalDetails } from '../../../../shared/advice';
import type { HandoutDto } from '../../../../shared/api/handouts';
import type { ApiError } from '../../../core/http-error';
import type { SheetSection } from '../components/handout-sheet/handout-sheet';
import { HandoutPrintApiActions, HandoutPrintPageActions } from './handout-print.actions';

export interface HandoutPrintState {
  id: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  handout: HandoutDto | null;
  error: ApiError | null;
  /** A failed print record does not stop the print; the user is told it was not counted. */
  printError: ApiError | null;
}

export const initialHandoutPrintState: HandoutPrintState = { id: null, status: 'idle', handout: null, error: null, printError: null };

export const handoutPrintFeature = createFeature({
  name: 'handoutPrint',
  reducer: createReducer(
    initialHandoutPrintState,
    on(HandoutPrintPageActions.opened, (_state, { id }): HandoutPrintState => ({ ...initialHandoutPrintState, id, status: 'loading' })),
    on(HandoutPrintApiActions.handoutLoaded, (state, { handout }): HandoutPrintState => ({ ...state, status: 'loaded', handout, error: null })),
    on(HandoutPrintApiActions.handoutLoadFailed, (state, { error }): HandoutPrintState => ({ ...state, status: 'error', error })),
    on(HandoutPrintPageActions.printClicked, (state): HandoutPrintState => ({ ...state, printError: null })),
    on(HandoutPrintApiActions.printRecorded, (state, { prints }): HandoutPrintState =>
      (state.handout ? { ...state, handout: { ...state.handout, prints } } : state)),
    on(HandoutPrintApiActions.printRecordFailed, (state, { error }): HandoutPrintState => ({ ...state, printError: error })),
  ),
  extraSelectors: ({ selectHandout }) => ({
    /** The issued snapshot as the sheet component draws it. */
    selectSections: createSelector(selectHandout, (handout): SheetSection[] =>
      (handout?.items ?? []).map((item) => ({ module: item.module as AdviceModule, personal: (item.personal ?? {}) as PersonalDetails }))),
  }),
});
