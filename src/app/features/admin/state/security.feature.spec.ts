import { SECURITY } from '../testing/fixtures';
import { SecurityApiActions, SecurityPageActions } from './security.actions';
import { initialSecurityState, securityFeature } from './security.feature';

describe('security reducer and selectors', () => {
  it('saves on top of the latest version after a 412', () => {
    expect(securityFeature.selectEditVersion.projector(SECURITY, null)).toBe(5);
    expect(securityFeature.selectEditVersion.projector(SECURITY, { ...SECURITY, version: 6 })).toBe(6);
    expect(securityFeature.selectEditVersion.projector(null, null)).toBeNull();
  });

  it('stores what was saved and drops any fresh copy', () => {
    let state = securityFeature.reducer(initialSecurityState, SecurityApiActions.settingsLoaded({ settings: SECURITY }));
    state = securityFeature.reducer(state, SecurityApiActions.latestLoaded({ settings: { ...SECURITY, version: 6 } }));
    state = securityFeature.reducer(state, SecurityPageActions.saveSubmitted({ version: 6, totpRequiredRoles: ['manager'] }));
    expect(state.status).toBe('saving');
    state = securityFeature.reducer(state, SecurityApiActions.settingsSaved({ settings: { totpRequiredRoles: ['manager'], version: 7 } }));
    expect(state).toEqual(jasmine.objectContaining({ status: 'saved', latest: null, settings: { totpRequiredRoles: ['manager'], version: 7 } }));
  });
});
