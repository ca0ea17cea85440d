import type { ApiError } from '../../../core/http-error';
import { HILLVIEW, RIVERSIDE } from '../testing/fixtures';
import { CentreEditPageActions, CentresApiActions } from './centres.actions';
import { centresFeature, initialCentresState } from './centres.feature';

const reducer = centresFeature.reducer;

describe('centres reducer', () => {
  it('opens a new centre ready to type, and an existing one loading', () => {
    expect(reducer(initialCentresState, CentreEditPageActions.opened({ id: null })).editor.status).toBe('ready');
    expect(reducer(initialCentresState, CentreEditPageActions.opened({ id: RIVERSIDE.id })).editor.status).toBe('loading');
  });

  it('edits the copy it loaded', () => {
    const state = reducer(initialCentresState, CentresApiActions.centreLoaded({ centre: RIVERSIDE }));
    expect(state.editor).toEqual(jasmine.objectContaining({ status: 'ready', original: RIVERSIDE, latest: null }));
  });

  it('goes stale on 412 and then keeps the latest copy beside the original', () => {
    const stale: ApiError = { status: 412, code: 'stale_version', message: 'Someone else saved.', fields: {} };
    let state = reducer(initialCentresState, CentresApiActions.centreLoaded({ centre: RIVERSIDE }));
    state = reducer(state, CentreEditPageActions.updateSubmitted({ id: RIVERSIDE.id, version: 3, input: RIVERSIDE }));
    state = reducer(state, CentresApiActions.saveFailed({ error: stale }));
    expect(state.editor.status).toBe('stale');
    const latest = { ...RIVERSIDE, phone: '01235 000 000', version: 4 };
    state = reducer(state, CentresApiActions.latestLoaded({ centre: latest }));
    expect(state.editor).toEqual(jasmine.objectContaining({ status: 'ready', original: RIVERSIDE, latest }));
  });

  it('lists centres by name', () => {
    const state = reducer(initialCentresState, CentresApiActions.centresLoaded({ centres: [RIVERSIDE, HILLVIEW] }));
    expect(centresFeature.selectAllCentres.projector(state).map((c) => c.name)).toEqual(['Hillview Centre', 'Riverside Centre']);
  });
});
