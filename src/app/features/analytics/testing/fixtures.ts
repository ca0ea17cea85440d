// A small, hand-countable Analytics answer for the specs. Not imported by the app.
import type { Analytics } from '../../../../shared/api/analytics';
import type { AnalyticsFilters } from '../state/analytics.actions';
import { type AnalyticsState, initialAnalyticsState } from '../state/analytics.feature';

export function analyticsFixture(overrides: Partial<Analytics> = {}): Analytics {
  return {
    from: '2026-11-02',
    to: '2026-11-04',
    centres: [{ id: 'c1', name: 'Bath' }, { id: 'c2', name: 'Bristol' }],
    kpis: {
      requestsReceived: 10, medianFirstContactMinutes: 85, answeredWithinTarget: 0.75,
      conversionToFirstVisit: 0.3, didNotAttendRate: 0.05, handoutsIssued: 4,
    },
    requestsPerDay: [
      { date: '2026-11-02', kind: 'callback', source: 'web-form', count: 3 },
      { date: '2026-11-02', kind: 'appointment', source: 'phone', count: 1 },
      { date: '2026-11-04', kind: 'callback', source: 'phone', count: 2 },
      { date: '2026-11-04', kind: 'callback', source: 'web-form', count: 4 },
    ],
    arrivals: [
      { weekday: 1, hour: 9, count: 4 },
      { weekday: 3, hour: 9, count: 2 },
      { weekday: 3, hour: 20, count: 1 },
      { weekday: 0, hour: 10, count: 3 },
    ],
    firstContact: {
      buckets: [
        { label: 'Under 30 min', fromMinutes: 0, toMinutes: 30, count: 2 },
        { label: '30–60 min', fromMinutes: 30, toMinutes: 60, count: 3 },
        { label: '1–2 hours', fromMinutes: 60, toMinutes: 120, count: 2 },
        { label: '2–4 hours', fromMinutes: 120, toMinutes: 240, count: 1 },
        { label: 'Over 8 hours', fromMinutes: 480, toMinutes: null, count: 0 },
      ],
      medianMinutes: 85, p90Minutes: 150, targetMinutes: 120,
      breachesByWeek: [
        { weekStart: '2026-10-26', due: 0, breached: 0 },
        { weekStart: '2026-11-02', due: 8, breached: 2 },
      ],
    },
    funnel: [
      { centreId: 'c1', centreName: 'Bath', received: 6, contacted: 5, booked: 4, attended: 2 },
      { centreId: 'c2', centreName: 'Bristol', received: 4, contacted: 3, booked: 2, attended: 1 },
    ],
    outcomes: [
      { outcome: 'spam', count: 1 },
      { outcome: 'booked', count: 5 },
    ],
    redFlags: [
      { priority: 'urgent', outcome: 'sent-to-gp', count: 2 },
      { priority: 'emergency', outcome: 'sent-to-999', count: 1 },
      { priority: 'urgent', outcome: 'still open', count: 1 },
    ],
    findingsMix: [
      { month: '2026-10', type: 'facet-joint', region: 'lumbar', count: 3 },
      { month: '2026-11', type: 'facet-joint', region: 'cervical', count: 1 },
      { month: '2026-11', type: 'disc-irritation', region: 'lumbar', count: 2 },
    ],
    advice: [
      { moduleKey: 'fluids', count: 2 },
      { moduleKey: 'calf-stretch-wall', count: 3 },
    ],
    results: {
      patientsWithThreeVisits: 8, improvedByThirdVisit: 5, improvedShare: 0.625,
      bournemouthPatients: 6, averageBournemouthChange: -7.5,
    },
    ...overrides,
  };
}

export function emptyAnalytics(): Analytics {
  return analyticsFixture({
    kpis: { requestsReceived: 0, medianFirstContactMinutes: null, answeredWithinTarget: null, conversionToFirstVisit: null, didNotAttendRate: null, handoutsIssued: 0 },
    requestsPerDay: [], arrivals: [],
    firstContact: { buckets: [{ label: 'Under 30 min', fromMinutes: 0, toMinutes: 30, count: 0 }], medianMinutes: null, p90Minutes: null, targetMinutes: 120, breachesByWeek: [] },
    funnel: [], outcomes: [], redFlags: [], findingsMix: [], advice: [],
    results: { patientsWithThreeVisits: 0, improvedByThirdVisit: 0, improvedShare: null, bournemouthPatients: 0, averageBournemouthChange: null },
  });
}

export const FILTERS: AnalyticsFilters = { from: '2026-11-02', to: '2026-11-04', preset: 'custom', centre: 'all', compare: false };

export const MY_CENTRES = [
  { id: 'c1', name: 'Bath', timeZone: 'Europe/London' },
  { id: 'c2', name: 'Bristol', timeZone: 'Europe/London' },
];

/** Root state for provideMockStore: the analytics slice plus the signed-in manager and the centre picker. */
export function mockRootState(analytics: Partial<AnalyticsState> = {}) {
  return {
    analytics: { ...initialAnalyticsState, filters: FILTERS, data: analyticsFixture(), status: 'loaded' as const, ...analytics },
    centre: { selected: 'all' },
    auth: {
      status: 'signed-in',
      endedReason: null,
      session: {
        idleTimeoutSeconds: 900, absoluteRemainingSeconds: 3600,
        user: {
          id: 'm1', email: 'manager@example.test', name: 'Morgan Hale', role: 'manager', centres: MY_CENTRES,
          totpEnabled: true, totpRequired: true, mustChangePassword: false,
        },
      },
    },
  };
}
