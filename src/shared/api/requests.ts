/**
 * The requests API contract: public intake, the triage queue, claims, call attempts, outcomes and
 * matching. Server and UI both derive their types from these schemas. Plain-English labels for
 * every enum live in `../requests-labels.ts` (no TypeBox there, so the UI can import it cheaply).
 *
 * Conventions: times are ISO-8601 UTC strings; every record carries `version`, returned as an
 * ETag by GET /api/requests/:id and required as `If-Match` by every write (428 without, 412 stale).
 */
import { type Static, type TSchema, Type } from 'typebox';
import { Id, IsoDateTime, Text } from './common';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// ----- enums -----------------------------------------------------------------------------------

export const RequestKindSchema = Type.Union([Type.Literal('callback'), Type.Literal('appointment')]);
export type RequestKind = Static<typeof RequestKindSchema>;

/** Where the request came from: the public web form, or typed in by staff for a call or a visit. */
export const RequestSourceSchema = Type.Union([
  Type.Literal('web-form'), Type.Literal('phone'), Type.Literal('walk-in'), Type.Literal('staff'),
]);
export type RequestSource = Static<typeof RequestSourceSchema>;

/** Sources staff can choose when they enter a request themselves. */
export const StaffRequestSourceSchema = Type.Union([Type.Literal('phone'), Type.Literal('walk-in'), Type.Literal('staff')]);
export type StaffRequestSource = Static<typeof StaffRequestSourceSchema>;

export const PrioritySchema = Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('routine')]);
export type Priority = Static<typeof PrioritySchema>;

export const RequestStatusSchema = Type.Union([Type.Literal('new'), Type.Literal('in-progress'), Type.Literal('closed')]);
export type RequestStatus = Static<typeof RequestStatusSchema>;

/** Queue filter on status: `open` (the default) is new + in-progress; `all` includes closed. */
export const StatusFilterSchema = Type.Union([
  Type.Literal('open'), Type.Literal('new'), Type.Literal('in-progress'), Type.Literal('closed'), Type.Literal('all'),
]);
export type StatusFilter = Static<typeof StatusFilterSchema>;

export const PreferredTimeSchema = Type.Union([
  Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening'), Type.Literal('any'),
]);
export type PreferredTime = Static<typeof PreferredTimeSchema>;

export const WeekdaySchema = Type.Union([
  Type.Literal('mon'), Type.Literal('tue'), Type.Literal('wed'), Type.Literal('thu'),
  Type.Literal('fri'), Type.Literal('sat'), Type.Literal('sun'),
]);
export type Weekday = Static<typeof WeekdaySchema>;

export const AttemptOutcomeSchema = Type.Union([
  Type.Literal('no-answer'), Type.Literal('voicemail'), Type.Literal('spoke'), Type.Literal('wrong-number'),
]);
export type AttemptOutcome = Static<typeof AttemptOutcomeSchema>;

export const CloseOutcomeSchema = Type.Union([
  Type.Literal('booked'), Type.Literal('advice-given'), Type.Literal('sent-to-gp'), Type.Literal('sent-to-111'),
  Type.Literal('sent-to-999'), Type.Literal('not-interested'), Type.Literal('unable-to-contact'),
  Type.Literal('duplicate'), Type.Literal('spam'),
]);
export type CloseOutcome = Static<typeof CloseOutcomeSchema>;

/** Red-flag levels from the triage rules: `gp` is a routine GP note, not urgent. */
export const RedFlagLevelSchema = Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('gp')]);
export type RedFlagLevel = Static<typeof RedFlagLevelSchema>;

export const MatchKindSchema = Type.Union([Type.Literal('existing-patient'), Type.Literal('possible-duplicate'), Type.Null()]);
export type MatchKind = Static<typeof MatchKindSchema>;

/** Why a submission was quarantined (held out of the queue; visible to managers under Spam). */
export const QuarantineReasonSchema = Type.Union([
  Type.Literal('honeypot'), Type.Literal('too-fast'), Type.Literal('bad-token'), Type.Literal('rate-limit'),
  Type.Literal('marked-spam'),
]);
export type QuarantineReason = Static<typeof QuarantineReasonSchema>;

export const HistoryActionSchema = Type.Union([
  Type.Literal('created'), Type.Literal('quarantined'), Type.Literal('restored'), Type.Literal('edited'),
  Type.Literal('claimed'), Type.Literal('released'), Type.Literal('reassigned'), Type.Literal('attempt-logged'),
  Type.Literal('flags-acknowledged'), Type.Literal('closed'), Type.Literal('reopened'),
  Type.Literal('patient-linked'), Type.Literal('patient-unlinked'),
]);
export type HistoryAction = Static<typeof HistoryActionSchema>;

/** Queue orders: `priority` (default) is emergency first, then urgent, then by due time. */
export const QueueSortSchema = Type.Union([
  Type.Literal('priority'), Type.Literal('due'), Type.Literal('newest'), Type.Literal('oldest'),
]);
export type QueueSort = Static<typeof QueueSortSchema>;

/** Error code of the 409 a claim gets when someone else holds the request; the message names them. */
export const HELD_ERROR_CODE = 'held';

// ----- public intake (no sign-in) ---------------------------------------------------------------

export const REFERENCE_PATTERN = '^(CB|AP)-[0-9A-HJ-NP-Z]{5}$';
export const ReferenceSchema = Type.String({ pattern: REFERENCE_PATTERN });

/**
 * What the clinic's website sends, as JSON or as an HTML form (urlencoded: `consent=on`,
 * `newPatient=yes|no`, `preferredDays` repeated or comma-separated). A callback needs `phone`;
 * an appointment needs `phone` or `email`. `website` is the honeypot: a person leaves it empty.
 * `formToken` comes from GET /api/public/form-token when the form is one of our own pages.
 */
export const PublicRequestInputSchema = Type.Object({
  kind: RequestKindSchema,
  name: Text(120),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  message: Type.Optional(Type.String({ maxLength: 2000 })),
  /** A centre id from GET /api/public/centres; omitted when the patient does not mind. */
  centre: Type.Optional(Type.String({ maxLength: 64 })),
  /** Callbacks: when to ring. */
  preferredTime: Type.Optional(PreferredTimeSchema),
  /** Appointments: which days suit. */
  preferredDays: Type.Optional(Type.Array(WeekdaySchema, { maxItems: 7, uniqueItems: true })),
  /** Appointments: which part of the day suits. */
  preferredTimeOfDay: Type.Optional(PreferredTimeSchema),
  /** Appointments: never been to the clinic before. */
  newPatient: Type.Optional(Type.Boolean()),
  consent: Type.Literal(true),
  website: Type.Optional(Type.String({ maxLength: 500 })),
  formToken: Type.Optional(Type.String({ maxLength: 500 })),
});
export type PublicRequestInput = Static<typeof PublicRequestInputSchema>;

/** 202 answer: the short code the patient can quote. Quarantined submissions get the same shape. */
export const PublicRequestAcceptedSchema = Type.Object({ reference: ReferenceSchema });
export type PublicRequestAccepted = Static<typeof PublicRequestAcceptedSchema>;

export const PublicCentreSchema = Type.Object({ id: Id, name: Type.String() });
export type PublicCentre = Static<typeof PublicCentreSchema>;
export const PublicCentreListSchema = Type.Array(PublicCentreSchema);

/** A signed token carrying its issue time; submit it back as `formToken`. */
export const FormTokenSchema = Type.Object({ token: Type.String(), issuedAt: IsoDateTime });
export type FormToken = Static<typeof FormTokenSchema>;

// ----- shared pieces ------------------------------------------------------------------------------

export const StaffRefSchema = Type.Object({ id: Id, name: Type.String() });
export type StaffRef = Static<typeof StaffRefSchema>;

export const CentreRefSchema = Type.Object({ id: Id, name: Type.String() });
export type CentreRef = Static<typeof CentreRefSchema>;

/**
 * One red flag found in the patient's words. `start`/`end` are character offsets of `phrase`:
 * in a RequestSummary relative to `messagePreview` (-1/-1 when the phrase is not inside the
 * preview), in a RequestDetail relative to `message`.
 */
export const RedFlagSchema = Type.Object({
  category: Type.String(),
  label: Type.String(),
  level: RedFlagLevelSchema,
  action: Type.String(),
  script: Type.String(),
  phrase: Type.String(),
  start: Type.Integer({ minimum: -1 }),
  end: Type.Integer({ minimum: -1 }),
});
export type RedFlag = Static<typeof RedFlagSchema>;

export const MatchSummarySchema = Type.Object({
  kind: MatchKindSchema,
  count: Type.Integer({ minimum: 0 }),
});
export type MatchSummary = Static<typeof MatchSummarySchema>;

export const PreferencesSchema = Type.Object({
  preferredTime: Nullable(PreferredTimeSchema),
  preferredDays: Type.Array(WeekdaySchema),
  preferredTimeOfDay: Nullable(PreferredTimeSchema),
  newPatient: Nullable(Type.Boolean()),
});
export type Preferences = Static<typeof PreferencesSchema>;

// ----- the queue ------------------------------------------------------------------------------------

/**
 * GET /api/requests (not audited: rows carry a preview only). `q` searches name, phone (any format:
 * compared as normalised numbers), email and reference. `mine` = held by me; `unassigned` = nobody holds it; `overdue` = open and past
 * due. `spam=true` (managers only) lists quarantined submissions instead of the queue.
 */
export const QueueQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(RequestKindSchema),
  status: Type.Optional(StatusFilterSchema),
  priority: Type.Optional(PrioritySchema),
  centreId: Type.Optional(Id),
  mine: Type.Optional(Type.Boolean()),
  unassigned: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  spam: Type.Optional(Type.Boolean()),
  sort: Type.Optional(QueueSortSchema),
  /**
   * Only these requests (repeat the parameter: ids=a&ids=b), whatever their status: how a screen
   * refreshes the rows named by live events without opening each one. Other filters still apply.
   */
  ids: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
}, { additionalProperties: false });
export type QueueQuery = Static<typeof QueueQuerySchema>;

/** One queue row. */
export const RequestSummarySchema = Type.Object({
  id: Id,
  reference: Type.String(),
  kind: RequestKindSchema,
  source: RequestSourceSchema,
  name: Type.String(),
  /** As the patient typed it. */
  phone: Nullable(Type.String()),
  /** E.164 (+447700900123) when the number could be read, for tel: links. */
  phoneE164: Nullable(Type.String()),
  email: Nullable(Type.String()),
  /** Null when the patient did not choose a centre: every centre's staff see it. */
  centre: Nullable(CentreRefSchema),
  /** At most about 200 characters; contains the first red-flag phrase when there is one. */
  messagePreview: Type.String(),
  priority: PrioritySchema,
  redFlags: Type.Array(RedFlagSchema),
  /** True once a member of staff has explicitly acknowledged the flags (never automatic). */
  flagsAcknowledged: Type.Boolean(),
  status: RequestStatusSchema,
  outcome: Nullable(CloseOutcomeSchema),
  holder: Nullable(StaffRefSchema),
  heldAt: Nullable(IsoDateTime),
  /** When the claim lapses unless someone acts on the request (centre's claimIdleMinutes). */
  holdExpiresAt: Nullable(IsoDateTime),
  receivedAt: IsoDateTime,
  /** The response-target deadline in business hours; emergencies are due on arrival. */
  dueAt: IsoDateTime,
  firstContactAt: Nullable(IsoDateTime),
  attemptCount: Type.Integer({ minimum: 0 }),
  lastAttemptAt: Nullable(IsoDateTime),
  nextAttemptAt: Nullable(IsoDateTime),
  /** Three or more failed attempts and still open: suggest closing as unable to contact. */
  suggestClose: Type.Boolean(),
  match: MatchSummarySchema,
  quarantined: Type.Boolean(),
  quarantineReason: Nullable(QuarantineReasonSchema),
  version: Type.Integer(),
});
export type RequestSummary = Static<typeof RequestSummarySchema>;

/**
 * The queue counts its matches up to this many and no further: past it the number only tells the
 * desk "a lot", and counting every open request on every page was most of a page's cost.
 */
export const QUEUE_COUNT_CAP = 1000;

export const QueuePageSchema = Type.Object({
  items: Type.Array(RequestSummarySchema),
  /** How many requests match, counted up to QUEUE_COUNT_CAP; when `totalCapped`, at least this many. */
  total: Type.Integer({ minimum: 0 }),
  /** True when more than QUEUE_COUNT_CAP match: `total` is then the cap, a lower bound ("1,000+"). */
  totalCapped: Type.Boolean(),
});
export type QueuePage = Static<typeof QueuePageSchema>;

// ----- one request ------------------------------------------------------------------------------------

export const AttemptSchema = Type.Object({
  id: Id,
  at: IsoDateTime,
  staff: StaffRefSchema,
  outcome: AttemptOutcomeSchema,
  note: Type.String(),
  nextAttemptAt: Nullable(IsoDateTime),
});
export type Attempt = Static<typeof AttemptSchema>;

export const HistoryEntrySchema = Type.Object({
  id: Id,
  at: IsoDateTime,
  /** Null for the public form and the system (e.g. a lapsed claim). */
  actor: Nullable(StaffRefSchema),
  action: HistoryActionSchema,
  /** What changed, e.g. { outcome: 'booked' } or { changes: { phone: { from, to } } }. */
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

/** `reasons` are codes such as 'same-phone', 'same-email', 'same-name' (labels in requests-labels.ts). */
export const PatientMatchSchema = Type.Object({
  id: Id,
  name: Type.String(),
  dateOfBirth: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  reasons: Type.Array(Type.String()),
  score: Type.Number(),
  /** 'existing-patient' (same phone or email, nothing contradicting) or 'possible-duplicate' (a person checks). */
  match: Type.Union([Type.Literal('existing-patient'), Type.Literal('possible-duplicate')]),
});
export type PatientMatch = Static<typeof PatientMatchSchema>;

export const RequestMatchSchema = Type.Object({
  id: Id,
  reference: Type.String(),
  name: Type.String(),
  receivedAt: IsoDateTime,
  status: RequestStatusSchema,
  reasons: Type.Array(Type.String()),
  score: Type.Number(),
});
export type RequestMatch = Static<typeof RequestMatchSchema>;

export const MatchesSchema = Type.Object({
  patients: Type.Array(PatientMatchSchema),
  requests: Type.Array(RequestMatchSchema),
});
export type Matches = Static<typeof MatchesSchema>;

/** Everything about one request (GET /api/requests/:id; each read is audited). `redFlags` offsets here are relative to `message`. */
export const RequestDetailSchema = Type.Object({
  ...RequestSummarySchema.properties,
  message: Type.String(),
  preferences: PreferencesSchema,
  attempts: Type.Array(AttemptSchema),
  history: Type.Array(HistoryEntrySchema),
  matches: MatchesSchema,
  patientId: Nullable(Id),
  appointmentId: Nullable(Id),
  duplicateOf: Nullable(Type.Object({ id: Id, reference: Type.String() })),
  outcomeNote: Nullable(Type.String()),
  closedAt: Nullable(IsoDateTime),
  closedBy: Nullable(StaffRefSchema),
  flagsAcknowledgedAt: Nullable(IsoDateTime),
  flagsAcknowledgedBy: Nullable(StaffRefSchema),
  createdBy: Nullable(StaffRefSchema),
  updatedAt: IsoDateTime,
});
export type RequestDetail = Static<typeof RequestDetailSchema>;

// ----- staff writes (all need If-Match except POST /api/requests) ------------------------------------

const OptionalEmail = Type.Union([
  Type.Literal(''),
  Type.String({ minLength: 3, maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
]);

const ContactFields = {
  kind: RequestKindSchema,
  name: Text(120),
  /** Any common UK format; stored as typed and as E.164. Required for callbacks. */
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  email: Type.Optional(OptionalEmail),
  message: Type.String({ maxLength: 2000 }),
  centreId: Id,
  preferredTime: Type.Optional(Nullable(PreferredTimeSchema)),
  preferredDays: Type.Optional(Type.Array(WeekdaySchema, { maxItems: 7, uniqueItems: true })),
  preferredTimeOfDay: Type.Optional(Nullable(PreferredTimeSchema)),
  newPatient: Type.Optional(Nullable(Type.Boolean())),
};

/** POST /api/requests: a request taken on the phone or at the desk. Answer 201 RequestDetail. */
export const StaffRequestInputSchema = Type.Object({
  ...ContactFields,
  source: StaffRequestSourceSchema,
}, { additionalProperties: false });
export type StaffRequestInput = Static<typeof StaffRequestInputSchema>;

/** PUT /api/requests/:id: edit contact details, centre, kind and message. Re-screens the message. */
export const RequestUpdateSchema = Type.Object(ContactFields, { additionalProperties: false });
export type RequestUpdate = Static<typeof RequestUpdateSchema>;

/** POST /api/requests/:id/attempts. `at` defaults to now. */
export const AttemptInputSchema = Type.Object({
  outcome: AttemptOutcomeSchema,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  at: Type.Optional(IsoDateTime),
  nextAttemptAt: Type.Optional(Nullable(IsoDateTime)),
}, { additionalProperties: false });
export type AttemptInput = Static<typeof AttemptInputSchema>;

/**
 * POST /api/requests/:id/close. `booked` needs `appointmentId`; `duplicate` needs `duplicateOf`
 * (another request of the same centre).
 */
export const CloseInputSchema = Type.Object({
  outcome: CloseOutcomeSchema,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  duplicateOf: Type.Optional(Id),
  appointmentId: Type.Optional(Id),
}, { additionalProperties: false });
export type CloseInput = Static<typeof CloseInputSchema>;

/** POST /api/requests/:id/link-patient; `patientId: null` unlinks. */
export const LinkPatientInputSchema = Type.Object({
  patientId: Nullable(Id),
}, { additionalProperties: false });
export type LinkPatientInput = Static<typeof LinkPatientInputSchema>;

/** POST /api/requests/:id/reassign (managers). */
export const ReassignInputSchema = Type.Object({ staffId: Id }, { additionalProperties: false });
export type ReassignInput = Static<typeof ReassignInputSchema>;

// ----- live events ------------------------------------------------------------------------------------

/** Published on the events stream after each commit; fetch the request again to see the change. */
export const REQUEST_EVENT_TYPES = ['request.created', 'request.changed'] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];
