import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Analytics } from '../../../../shared/api/analytics';
import type { ApiError } from '../../../core/http-error';
import type { CentreChoice } from '../../../core/centre/centre.feature';
import type { RangePreset } from '../model/date-range';

export interface AnalyticsFilters {
  from: string;
  to: string;
  preset: RangePreset;
  centre: CentreChoice;
  /** Side by side per centre; only meaningful with 'all' and more than one centre. */
  compare: boolean;
}

/** One centre's own figures, fetched beside the combined ones when centres are compared. */
export interface CentreAnalytics {
  centreId: string;
  centreName: string;
  data: Analytics;
}

export const AnalyticsPageActions = createActionGroup({
  source: 'Analytics Page',
  events: {
    /** The page's defaults; ignored when the manager already chose filters earlier in this session. */
    Opened: props<{ filters: AnalyticsFilters }>(),
    Closed: emptyProps(),
    'Range Changed': props<{ from: string; to: string; preset: RangePreset }>(),
    'Centre Changed': props<{ centre: CentreChoice }>(),
    'Compare Toggled': props<{ compare: boolean }>(),
    'Retry Clicked': emptyProps(),
  },
});

export const AnalyticsApiActions = createActionGroup({
  source: 'Analytics API',
  events: {
    'Analytics Loaded': props<{ data: Analytics; perCentre: CentreAnalytics[] }>(),
    'Analytics Load Failed': props<{ error: ApiError }>(),
  },
});
