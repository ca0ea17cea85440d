import type { SessionInfo } from '../../shared/api/foundation';

/** A signed-in session for component and state tests. */
export function sessionFixture(overrides: Partial<SessionInfo['user']> = {}): SessionInfo {
  return {
    user: {
      id: 'u1', email: 'sam@clinic.test', name: 'Sam Patel', role: 'receptionist',
      centres: [{ id: 'c1', name: 'Riverside Centre', timeZone: 'Europe/London' }],
      totpEnabled: false, totpRequired: false, mustChangePassword: false, ...overrides,
    },
    idleTimeoutSeconds: 1800,
    absoluteRemainingSeconds: 43_200,
  };
}
