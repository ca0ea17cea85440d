import { type Static, Type } from 'typebox';

/** Everything the Analytics page shows, for one date range and set of centres, in one answer. */
export const AnalyticsQuerySchema = Type.Object({
  from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  /** Comma-separated centre ids; absent means every centre the user may see. */
  centres: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type AnalyticsQuery = Static<typeof AnalyticsQuerySchema>;

const Count = Type.Integer({ minimum: 0 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const AnalyticsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  centres: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  kpis: Type.Object({
    requestsReceived: Count,
    /** Business minutes from arrival to the first call attempt. */
    medianFirstContactMinutes: NullableNumber,
    /** Share (0–1) of requests first contacted by their due time, of those contacted or already due. */
    answeredWithinTarget: NullableNumber,
    /** Share (0–1) of requests that led to an attended first visit. */
    conversionToFirstVisit: NullableNumber,
    /** Share (0–1) of finished appointments the patient did not attend. */
    didNotAttendRate: NullableNumber,
    handoutsIssued: Count,
  }),
  requestsPerDay: Type.Array(Type.Object({ date: Type.String(), kind: Type.String(), source: Type.String(), count: Count })),
  arrivals: Type.Array(Type.Object({ weekday: Type.Integer(), hour: Type.Integer(), count: Count })),
  firstContact: Type.Object({
    buckets: Type.Array(Type.Object({ label: Type.String(), fromMinutes: Type.Number(), toMinutes: NullableNumber, count: Count })),
    medianMinutes: NullableNumber,
    p90Minutes: NullableNumber,
    targetMinutes: Type.Number(),
    breachesByWeek: Type.Array(Type.Object({ weekStart: Type.String(), due: Count, breached: Count })),
  }),
  funnel: Type.Array(Type.Object({
    centreId: Type.Union([Type.String(), Type.Null()]), centreName: Type.String(),
    received: Count, contacted: Count, booked: Count, attended: Count,
  })),
  outcomes: Type.Array(Type.Object({ outcome: Type.String(), count: Count })),
  redFlags: Type.Array(Type.Object({ priority: Type.String(), outcome: Type.String(), count: Count })),
  findingsMix: Type.Array(Type.Object({ month: Type.String(), type: Type.String(), region: Type.String(), count: Count })),
  advice: Type.Array(Type.Object({ moduleKey: Type.String(), count: Count })),
  results: Type.Object({
    patientsWithThreeVisits: Count,
    improvedByThirdVisit: Count,
    improvedShare: NullableNumber,
    bournemouthPatients: Count,
    averageBournemouthChange: NullableNumber,
  }),
});
export type Analytics = Static<typeof AnalyticsSchema>;
