import { createActionGroup, createFeature, createReducer, on, props } from '@ngrx/store';

/** 'all' lets a manager (or anyone with several centres) see every centre at once. */
export type CentreChoice = string | 'all';

export const CentrePickerActions = createActionGroup({
  source: 'Centre Picker',
  events: {
    'Centre Chosen': props<{ centreId: CentreChoice }>(),
  },
});

const STORAGE_KEY = 'cd.centre';

export function rememberedCentre(): CentreChoice {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? 'all';
  } catch {
    return 'all';
  }
}

export function rememberCentre(centreId: CentreChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, centreId);
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
}

export const centreFeature = createFeature({
  name: 'centre',
  reducer: createReducer(
    { selected: rememberedCentre() as CentreChoice },
    on(CentrePickerActions.centreChosen, (_state, { centreId }) => ({ selected: centreId })),
  ),
});
