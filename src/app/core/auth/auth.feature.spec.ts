import { sessionFixture } from '../../testing/fixtures';
import { AuthApiActions } from './auth.actions';
import { authFeature } from './auth.feature';

describe('auth feature', () => {
  const { reducer } = authFeature;

  it('starts unknown until the server says who is signed in', () => {
    expect(reducer(undefined, { type: 'init' }).status).toBe('unknown');
  });

  it('holds the session after sign-in and forgets it after sign-out', () => {
    const signedIn = reducer(undefined, AuthApiActions.signedIn({ session: sessionFixture() }));
    expect(signedIn.status).toBe('signed-in');
    expect(signedIn.session?.user.name).toBe('Sam Patel');
    const signedOut = reducer(signedIn, AuthApiActions.signedOut());
    expect(signedOut).toEqual({ status: 'signed-out', session: null, endedReason: null });
  });

  it('remembers why a session ended so the sign-in page can explain it', () => {
    const state = reducer(undefined, AuthApiActions.sessionEnded({ reason: 'expired' }));
    expect(state.endedReason).toBe('expired');
  });

  it('explains a session that timed out while the page was closed', () => {
    expect(reducer(undefined, AuthApiActions.sessionExpiredBeforeLoad())).toEqual({ status: 'signed-out', session: null, endedReason: 'expired' });
  });

  it('asks for account setup when the password must change or required two-factor is missing', () => {
    const needs = authFeature.selectSetupNeeded.projector;
    expect(needs(sessionFixture().user)).toBeFalse();
    expect(needs(sessionFixture({ mustChangePassword: true }).user)).toBeTrue();
    expect(needs(sessionFixture({ totpRequired: true }).user)).toBeTrue();
    expect(needs(sessionFixture({ totpRequired: true, totpEnabled: true }).user)).toBeFalse();
  });
});
