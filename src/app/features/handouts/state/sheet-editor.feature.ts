import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import {
  CATEGORY_LABELS, personalIssues, READING_AGE_TARGET, sheetReadingAge,
  type AdviceModule, type DraftedSheet, type PersonalDetails, type PersonalDetailsByModule, type SheetItem,
} from '../../../../shared/advice';
import type { ApiError } from '../../../core/http-error';
import type { LibraryEntry, SheetDraftBundle } from '../data/handouts-api';
import { SheetEditorApiActions, SheetEditorPageActions } from './sheet-editor.actions';

export const ADDED_REASON = 'Added by the clinician.';
export const REMOVED_REASON = 'Removed by the clinician.';

export interface SheetEditorState {
  visitId: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  loadError: ApiError | null;
  visit: SheetDraftBundle['visit'] | null;
  library: LibraryEntry[];
  items: SheetItem[];
  leftOut: SheetItem[];
  personal: PersonalDetailsByModule;
  /** From the drafting rules, for the clinician only: never printed. */
  notes: string[];
  largePrint: boolean;
  issuing: boolean;
  issueError: ApiError | null;
}

export const initialSheetEditorState: SheetEditorState = {
  visitId: null, status: 'idle', loadError: null, visit: null, library: [], items: [], leftOut: [], personal: {},
  notes: [], largePrint: false, issuing: false, issueError: null,
};

/** One module on the sheet as the editor shows it. */
export interface SheetRow {
  item: SheetItem;
  module: AdviceModule;
  personal: PersonalDetails;
  issues: string[];
  hasDose: boolean;
}

export interface LeftOutRow {
  item: SheetItem;
  title: string;
  /** Still in the library, so the clinician may put it back. */
  canAdd: boolean;
}

export interface LibraryGroup {
  label: string;
  entries: LibraryEntry[];
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return [...list];
  const copy = [...list];
  const [entry] = copy.splice(from, 1);
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, entry as T);
  return copy;
}

function withoutKey(personal: PersonalDetailsByModule, key: string): PersonalDetailsByModule {
  const copy = { ...personal };
  delete copy[key];
  return copy;
}

/** Empty personal details are dropped, so the issued sheet only carries real changes. */
function cleanPersonal(personal: PersonalDetails): PersonalDetails {
  const clean: PersonalDetails = {};
  if (personal.side !== undefined) clean.side = personal.side;
  if (personal.holdSeconds !== undefined) clean.holdSeconds = personal.holdSeconds;
  if (personal.repetitions !== undefined) clean.repetitions = personal.repetitions;
  if (personal.note !== undefined && personal.note.trim() !== '') clean.note = personal.note;
  return clean;
}

export const sheetEditorFeature = createFeature({
  name: 'sheetEditor',
  reducer: createReducer(
    initialSheetEditorState,
    on(SheetEditorPageActions.opened, (_state, { visitId }): SheetEditorState => ({ ...initialSheetEditorState, visitId, status: 'loading' })),
    on(SheetEditorPageActions.retryClicked, (state): SheetEditorState => ({ ...state, status: 'loading', loadError: null })),
    on(SheetEditorApiActions.draftLoaded, (state, { bundle }): SheetEditorState => {
      const draft: DraftedSheet = bundle.draft;
      return {
        ...state, status: 'loaded', loadError: null, visit: bundle.visit, library: bundle.library,
        items: draft.items, leftOut: draft.leftOut, personal: draft.personal ?? {}, notes: draft.notes ?? [], largePrint: bundle.largePrint,
      };
    }),
    on(SheetEditorApiActions.draftLoadFailed, (state, { error }): SheetEditorState => ({ ...state, status: 'error', loadError: error })),
    on(SheetEditorPageActions.moduleAdded, (state, { moduleKey }): SheetEditorState => {
      if (state.items.some((i) => i.moduleKey === moduleKey)) return state;
      const item: SheetItem = { moduleKey, reason: ADDED_REASON };
      // "When to get help" stays last: an added module goes just above it.
      const helpIndex = state.items.findIndex((i) => state.library.find((e) => e.key === i.moduleKey)?.module.category === 'when-to-get-help');
      const items = [...state.items];
      items.splice(helpIndex < 0 ? items.length : helpIndex, 0, item);
      return { ...state, items, leftOut: state.leftOut.filter((i) => i.moduleKey !== moduleKey), issueError: null };
    }),
    on(SheetEditorPageActions.moduleRemoved, (state, { moduleKey }): SheetEditorState => {
      const removed = state.items.find((i) => i.moduleKey === moduleKey);
      if (!removed) return state;
      const leftOut = removed.reason === ADDED_REASON ? state.leftOut : [...state.leftOut, { moduleKey, reason: REMOVED_REASON }];
      return {
        ...state, items: state.items.filter((i) => i.moduleKey !== moduleKey), leftOut,
        personal: withoutKey(state.personal, moduleKey), issueError: null,
      };
    }),
    on(SheetEditorPageActions.moduleMoved, (state, { from, to }): SheetEditorState => ({ ...state, items: moved(state.items, from, to) })),
    on(SheetEditorPageActions.personalDetailsChanged, (state, { moduleKey, personal }): SheetEditorState => {
      const clean = cleanPersonal(personal);
      return {
        ...state,
        personal: Object.keys(clean).length === 0 ? withoutKey(state.personal, moduleKey) : { ...state.personal, [moduleKey]: clean },
      };
    }),
    on(SheetEditorPageActions.largePrintToggled, (state, { largePrint }): SheetEditorState => ({ ...state, largePrint })),
    on(SheetEditorPageActions.issueClicked, (state): SheetEditorState => ({ ...state, issuing: true, issueError: null })),
    on(SheetEditorApiActions.sheetIssued, (state): SheetEditorState => ({ ...state, issuing: false })),
    on(SheetEditorApiActions.issueFailed, (state, { error }): SheetEditorState => ({ ...state, issuing: false, issueError: error })),
  ),
  extraSelectors: ({ selectLibrary, selectItems, selectLeftOut, selectPersonal }) => {
    const selectModulesByKey = createSelector(selectLibrary, (library) => new Map(library.map((e) => [e.key, e.module])));
    const selectRows = createSelector(selectItems, selectModulesByKey, selectPersonal, (items, modules, personal): SheetRow[] =>
      items.flatMap((item) => {
        const module = modules.get(item.moduleKey);
        if (!module) return [];
        const details = Object.hasOwn(personal, item.moduleKey) ? personal[item.moduleKey]! : {};
        return [{ item, module, personal: details, issues: personalIssues(details), hasDose: module.blocks.some((b) => b.kind === 'dose') }];
      }));
    const selectLeftOutRows = createSelector(selectLeftOut, selectModulesByKey, (leftOut, modules): LeftOutRow[] =>
      leftOut.map((item) => ({ item, title: modules.get(item.moduleKey)?.title ?? item.moduleKey, canAdd: modules.has(item.moduleKey) })));
    const selectAddable = createSelector(selectLibrary, selectItems, (library, items): LibraryGroup[] => {
      const onSheet = new Set(items.map((i) => i.moduleKey));
      const groups = new Map<string, LibraryEntry[]>();
      for (const entry of library) {
        if (!entry.active || onSheet.has(entry.key)) continue;
        const label = CATEGORY_LABELS[entry.module.category] ?? entry.module.category;
        groups.set(label, [...(groups.get(label) ?? []), entry]);
      }
      return [...groups].map(([label, entries]) => ({ label, entries }));
    });
    const selectReadingAge = createSelector(selectRows, selectPersonal, (rows, personal) =>
      rows.length === 0 ? 0 : sheetReadingAge(rows.map((r) => r.module), personal));
    const selectReadingAgeHigh = createSelector(selectReadingAge, (age) => age > READING_AGE_TARGET);
    const selectHasIssues = createSelector(selectRows, (rows) => rows.some((r) => r.issues.length > 0));
    return { selectModulesByKey, selectRows, selectLeftOutRows, selectAddable, selectReadingAge, selectReadingAgeHigh, selectHasIssues };
  },
});
