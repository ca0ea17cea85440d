import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Analytics } from '../../../../shared/api/analytics';
import { authFeature } from '../../../core/auth/auth.feature';
import { CentrePickerActions } from '../../../core/centre/centre.feature';
import type { ApiError } from '../../../core/http-error';
import { AnalyticsApiActions, type AnalyticsFilters, AnalyticsPageActions, type CentreAnalytics } from './analytics.actions';

/** Long enough to let a manager click through presets or type a date without a request per keystroke. */
export const REFETCH_DEBOUNCE_MS = 300;

export interface AnalyticsState {
  /** The page is on screen; the state (and its effects) outlive it once the route has loaded. */
  open: boolean;
  filters: AnalyticsFilters | null;
  data: Analytics | null;
  perCentre: CentreAnalytics[];
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error: ApiError | null;
}

export const initialAnalyticsState: AnalyticsState = { open: false, filters: null, data: null, perCentre: [], status: 'idle', error: null };

/** What the effect asks the API for: the combined figures and, when comparing, one answer per centre. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  centreIds: string[] | null;
  compare: { id: string; name: string }[];
}

export function analyticsQuery(filters: AnalyticsFilters | null, myCentres: readonly { id: string; name: string }[]): AnalyticsQuery | null {
  if (!filters) return null;
  const all = filters.centre === 'all';
  const compare = all && filters.compare && myCentres.length > 1 ? myCentres.map(({ id, name }) => ({ id, name })) : [];
  return { from: filters.from, to: filters.to, centreIds: all ? null : [filters.centre], compare };
}

export const analyticsFeature = createFeature({
  name: 'analytics',
  reducer: createReducer(
    initialAnalyticsState,
    on(AnalyticsPageActions.opened, (state, { filters }): AnalyticsState => ({
      ...state, open: true, filters: state.filters ?? filters, status: 'loading', error: null,
    })),
    on(AnalyticsPageActions.closed, (state): AnalyticsState => ({ ...state, open: false })),
    on(AnalyticsPageActions.rangeChanged, (state, { from, to, preset }): AnalyticsState =>
      state.filters ? { ...state, filters: { ...state.filters, from, to, preset }, status: 'loading', error: null } : state),
    on(AnalyticsPageActions.centreChanged, (state, { centre }): AnalyticsState =>
      state.filters ? { ...state, filters: { ...state.filters, centre }, status: 'loading', error: null } : state),
    // The toolbar's centre picker leads: choosing a centre there shows that centre here too.
    on(CentrePickerActions.centreChosen, (state, { centreId }): AnalyticsState =>
      state.filters ? { ...state, filters: { ...state.filters, centre: centreId }, status: 'loading', error: null } : state),
    on(AnalyticsPageActions.compareToggled, (state, { compare }): AnalyticsState =>
      state.filters ? { ...state, filters: { ...state.filters, compare }, status: 'loading', error: null } : state),
    on(AnalyticsPageActions.retryClicked, (state): AnalyticsState => ({ ...state, status: 'loading', error: null })),
    on(AnalyticsApiActions.analyticsLoaded, (state, { data, perCentre }): AnalyticsState => ({
      ...state, data, perCentre, status: 'loaded', error: null,
    })),
    on(AnalyticsApiActions.analyticsLoadFailed, (state, { error }): AnalyticsState => ({ ...state, status: 'failed', error })),
  ),
  extraSelectors: ({ selectFilters, selectPerCentre }) => {
    const selectMyCentres = createSelector(authFeature.selectUser, (user) => user?.centres ?? []);
    return {
      selectMyCentres,
      selectQuery: createSelector(selectFilters, selectMyCentres, analyticsQuery),
      /** Centres side by side only when the answer actually holds more than one. */
      selectComparing: createSelector(selectFilters, selectPerCentre, (filters, perCentre) =>
        !!filters?.compare && filters.centre === 'all' && perCentre.length > 1),
    };
  },
});
