import { CentrePickerActions } from '../../../core/centre/centre.feature';
import { analyticsFixture, FILTERS, MY_CENTRES } from '../testing/fixtures';
import { AnalyticsApiActions, AnalyticsPageActions } from './analytics.actions';
import { analyticsFeature, initialAnalyticsState } from './analytics.feature';

describe('analytics feature', () => {
  const reducer = analyticsFeature.reducer;

  it('takes the page defaults on first opening and keeps the manager\'s choice after that', () => {
    const opened = reducer(initialAnalyticsState, AnalyticsPageActions.opened({ filters: FILTERS }));
    expect(opened.filters).toEqual(FILTERS);
    expect(opened.status).toBe('loading');
    expect(opened.open).toBeTrue();
    expect(reducer(opened, AnalyticsPageActions.closed()).open).toBeFalse();
    const chosen = reducer(opened, AnalyticsPageActions.rangeChanged({ from: '2026-10-01', to: '2026-10-31', preset: 'last-month' }));
    const reopened = reducer(chosen, AnalyticsPageActions.opened({ filters: FILTERS }));
    expect(reopened.filters).toEqual({ ...FILTERS, from: '2026-10-01', to: '2026-10-31', preset: 'last-month' });
  });

  it('follows the centre, compare switch and the toolbar\'s centre picker', () => {
    let state = reducer(initialAnalyticsState, AnalyticsPageActions.opened({ filters: FILTERS }));
    state = reducer(state, AnalyticsPageActions.centreChanged({ centre: 'c2' }));
    expect(state.filters?.centre).toBe('c2');
    state = reducer(state, CentrePickerActions.centreChosen({ centreId: 'c1' }));
    expect(state.filters?.centre).toBe('c1');
    state = reducer(state, AnalyticsPageActions.compareToggled({ compare: true }));
    expect(state.filters?.compare).toBeTrue();
  });

  it('ignores the toolbar picker before the page has opened', () => {
    expect(reducer(initialAnalyticsState, CentrePickerActions.centreChosen({ centreId: 'c1' }))).toBe(initialAnalyticsState);
  });

  it('keeps the old figures on screen while loading, and records answers and failures', () => {
    const data = analyticsFixture();
    let state = reducer(initialAnalyticsState, AnalyticsPageActions.opened({ filters: FILTERS }));
    state = reducer(state, AnalyticsApiActions.analyticsLoaded({ data, perCentre: [] }));
    expect(state.status).toBe('loaded');
    state = reducer(state, AnalyticsPageActions.rangeChanged({ from: '2026-10-01', to: '2026-10-31', preset: 'custom' }));
    expect(state.status).toBe('loading');
    expect(state.data).toBe(data);
    const error = { status: 500, code: 'error', message: 'Something went wrong. Please try again.', fields: {} };
    state = reducer(state, AnalyticsApiActions.analyticsLoadFailed({ error }));
    expect(state.status).toBe('failed');
    expect(state.error).toEqual(error);
    expect(reducer(state, AnalyticsPageActions.retryClicked()).error).toBeNull();
  });

  describe('selectors', () => {
    it('asks for every centre, or the one chosen', () => {
      expect(analyticsFeature.selectQuery.projector(FILTERS, MY_CENTRES)).toEqual({ from: '2026-11-02', to: '2026-11-04', centreIds: null, compare: [] });
      expect(analyticsFeature.selectQuery.projector({ ...FILTERS, centre: 'c2', compare: true }, MY_CENTRES))
        .toEqual({ from: '2026-11-02', to: '2026-11-04', centreIds: ['c2'], compare: [] });
      expect(analyticsFeature.selectQuery.projector(null, MY_CENTRES)).toBeNull();
    });

    it('compares only all centres, and only when there are several', () => {
      expect(analyticsFeature.selectQuery.projector({ ...FILTERS, compare: true }, MY_CENTRES)?.compare)
        .toEqual([{ id: 'c1', name: 'Bath' }, { id: 'c2', name: 'Bristol' }]);
      expect(analyticsFeature.selectQuery.projector({ ...FILTERS, compare: true }, [MY_CENTRES[0]])?.compare).toEqual([]);
    });

    it('says centres are side by side only when the answer has them', () => {
      const each = [
        { centreId: 'c1', centreName: 'Bath', data: analyticsFixture() },
        { centreId: 'c2', centreName: 'Bristol', data: analyticsFixture() },
      ];
      expect(analyticsFeature.selectComparing.projector({ ...FILTERS, compare: true }, each)).toBeTrue();
      expect(analyticsFeature.selectComparing.projector({ ...FILTERS, compare: true }, [])).toBeFalse();
      expect(analyticsFeature.selectComparing.projector({ ...FILTERS, compare: false }, each)).toBeFalse();
      expect(analyticsFeature.selectMyCentres.projector(null)).toEqual([]);
    });
  });
});
