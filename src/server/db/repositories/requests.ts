/**
 * Requests: storage, the queue, and every change a receptionist makes. Plain functions taking the
 * database or an open transaction first. Every change writes a request_history row in the same
 * transaction; the routes add the audit row and publish the live event after commit.
 */
import { type Expression, type ExpressionBuilder, type Selectable, sql, type SqlBool, type Transaction } from 'kysely';
import type { Centre } from '../../../shared/api/foundation';
import type {
  Attempt, AttemptOutcome, CloseOutcome, HistoryAction, HistoryEntry, Matches, Preferences, Priority, QuarantineReason,
  QueuePage, QueueQuery, RedFlag, RequestDetail, RequestKind, RequestSource, RequestSummary,
} from '../../../shared/api/requests';
import { QUEUE_COUNT_CAP } from '../../../shared/api/requests';
import { FAILED_ATTEMPT_OUTCOMES, FAILED_ATTEMPTS_BEFORE_SUGGEST_CLOSE } from '../../../shared/requests-labels';
import type { Database, Db, DbOrTrx } from '../database';
import { shapedQuery } from '../fixed-query';
import type { RequestsTable } from '../tables/requests';
import { newId, nowIso } from '../time';
import { findCentre, listCentres } from './centres';
import { findMatches, type StoredMatches } from './requests-matching';
import { normaliseEmail, normaliseName } from '../../../shared/triage';
import {
  asReference, buildPreview, computeDueAt, DEFAULT_TIME_ZONE, firstContactBusinessMinutes, localParts, newReference, PRIORITY_RANK, readPhone, screen,
} from './requests-rules';

export type RequestRow = Selectable<RequestsTable>;

/** A request row with the names the API shows beside the ids. */
export interface RequestRowWithNames extends RequestRow {
  centre_name: string | null;
  holder_name: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shapes

const EMPTY_MATCHES: StoredMatches = { patients: [], requests: [] };

export function parsePreferences(json: string): Preferences {
  const raw = JSON.parse(json) as Partial<Preferences>;
  return {
    preferredTime: raw.preferredTime ?? null,
    preferredDays: raw.preferredDays ?? [],
    preferredTimeOfDay: raw.preferredTimeOfDay ?? null,
    newPatient: raw.newPatient ?? null,
  };
}

/** A claim counts while its expiry is in the future. */
export function holdActive(row: Pick<RequestRow, 'holder_id' | 'hold_expires_at'>, now: string): boolean {
  return !!row.holder_id && (!row.hold_expires_at || row.hold_expires_at > now);
}

/** The columns a queue row shows: a page of 50 reads these, not each request's whole record (matches, preferences, notes). */
const SUMMARY_COLUMNS = [
  'id', 'reference', 'kind', 'source', 'name', 'phone', 'phone_e164', 'email', 'centre_id', 'message', 'priority', 'red_flags',
  'flags_acknowledged_at', 'status', 'outcome', 'holder_id', 'held_at', 'hold_expires_at', 'received_at', 'due_at', 'first_contact_at',
  'attempt_count', 'last_attempt_at', 'next_attempt_at', 'failed_attempt_count', 'match_kind', 'match_count', 'quarantined',
  'quarantine_reason', 'version',
] as const satisfies readonly (keyof RequestRow)[];
export type SummaryRow = Pick<RequestRowWithNames, (typeof SUMMARY_COLUMNS)[number] | 'centre_name' | 'holder_name'>;

/** How many requests' previews are kept: more than the open queues of a large chain's busiest day. */
const PREVIEW_CACHE_SIZE = 2_000;
const previews = new Map<string, { message: string; redFlagsJson: string; preview: string; redFlags: readonly RedFlag[] }>();

/**
 * A request's preview and its red flags placed in it, kept per request: every open queue's live
 * refresh reads the top of the queue again, where nearly every row has red flags to parse and place
 * (~4 µs a row, a sixth of a page). An entry is used only while the message and flags it was built
 * from are the ones read, so an edited request is never shown stale. Frozen: responses share it.
 */
function previewOf(row: Pick<SummaryRow, 'id' | 'message' | 'red_flags'>) {
  const kept = previews.get(row.id);
  if (kept && kept.message === row.message && kept.redFlagsJson === row.red_flags) return kept;
  // Most rows carry no flags; skip parsing their empty list.
  const flags = row.red_flags === '[]' ? [] : JSON.parse(row.red_flags) as RedFlag[];
  const { preview, redFlags } = buildPreview(row.message, flags);
  const entry = { message: row.message, redFlagsJson: row.red_flags, preview, redFlags: Object.freeze(redFlags.map((flag) => Object.freeze(flag))) };
  previews.delete(row.id);
  previews.set(row.id, entry);
  if (previews.size > PREVIEW_CACHE_SIZE) previews.delete(previews.keys().next().value!);
  return entry;
}

export function toSummary(row: SummaryRow, now = nowIso()): RequestSummary {
  const { preview, redFlags } = previewOf(row);
  const held = holdActive(row, now);
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    source: row.source,
    name: row.name,
    phone: row.phone,
    phoneE164: row.phone_e164,
    email: row.email,
    centre: row.centre_id ? { id: row.centre_id, name: row.centre_name ?? '' } : null,
    messagePreview: preview,
    priority: row.priority,
    redFlags: redFlags as RedFlag[], // frozen: shared with other responses
    flagsAcknowledged: !!row.flags_acknowledged_at,
    status: row.status,
    outcome: (row.outcome as CloseOutcome | null) ?? null,
    holder: held ? { id: row.holder_id!, name: row.holder_name ?? '' } : null,
    heldAt: held ? row.held_at : null,
    holdExpiresAt: held ? row.hold_expires_at : null,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    firstContactAt: row.first_contact_at,
    attemptCount: Number(row.attempt_count),
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    suggestClose: row.status !== 'closed' && Number(row.failed_attempt_count) >= FAILED_ATTEMPTS_BEFORE_SUGGEST_CLOSE,
    match: { kind: row.match_kind, count: Number(row.match_count) },
    quarantined: row.quarantined === 1,
    quarantineReason: (row.quarantine_reason as QuarantineReason | null) ?? null,
    version: Number(row.version),
  };
}

function buildSelectWithNames(db: DbOrTrx) {
  return db.selectFrom('requests').selectAll('requests').select(names);
}

/** The centre's and holder's names beside their ids (correlated sub-selects keep it one table). */
function names(eb: ExpressionBuilder<Database, 'requests'>) {
  return [
    eb.selectFrom('centres').select('centres.name').whereRef('centres.id', '=', 'requests.centre_id').as('centre_name'),
    eb.selectFrom('staff').select('staff.name').whereRef('staff.id', '=', 'requests.holder_id').as('holder_name'),
  ];
}

/** Queue rows: the summary's columns and names (the bench's raw baseline compiles this same select). */
export function selectSummaries(db: DbOrTrx) {
  return db.selectFrom('requests').select(SUMMARY_COLUMNS.map((column) => `requests.${column}` as const)).select(names);
}

/** Kysely builders are immutable: the shared head of every request read is built once per database (or transaction). */
const selectsWithNames = new WeakMap<DbOrTrx, ReturnType<typeof buildSelectWithNames>>();

/** Joins the centre and holder names in one statement (correlated sub-selects keep it one table). */
function selectWithNames(db: DbOrTrx) {
  let select = selectsWithNames.get(db);
  if (!select) selectsWithNames.set(db, (select = buildSelectWithNames(db)));
  return select;
}

export async function findRequestRow(db: DbOrTrx, id: string): Promise<RequestRowWithNames | undefined> {
  return selectWithNames(db).where('requests.id', '=', id).executeTakeFirst();
}

async function staffNames(db: DbOrTrx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface DetailScope {
  /** Centres the reader may see; undefined = all (managers). Matches outside them are left out. */
  centreIds?: string[];
}

export async function toDetail(db: DbOrTrx, row: RequestRowWithNames, scope: DetailScope = {}, now = nowIso()): Promise<RequestDetail> {
  const summary = toSummary(row, now);
  const attemptRows = await db.selectFrom('request_attempts').selectAll().where('request_id', '=', row.id).orderBy('at').orderBy('created_at').execute();
  const historyRows = await db.selectFrom('request_history').selectAll().where('request_id', '=', row.id).orderBy('seq').execute();
  const names = await staffNames(db, [
    ...attemptRows.map((a) => a.staff_id), ...historyRows.map((h) => h.actor_id),
    row.closed_by, row.flags_acknowledged_by, row.created_by,
  ]);
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const attempts: Attempt[] = attemptRows.map((a) => ({
    id: a.id, at: a.at, staff: { id: a.staff_id, name: names.get(a.staff_id) ?? '' }, outcome: a.outcome, note: a.note, nextAttemptAt: a.next_attempt_at,
  }));
  const history: HistoryEntry[] = historyRows.map((h) => ({
    id: h.id, at: h.at, actor: ref(h.actor_id), action: h.action as HistoryAction, detail: JSON.parse(h.detail) as Record<string, unknown>,
  }));
  let duplicateOf: RequestDetail['duplicateOf'] = null;
  if (row.duplicate_of) {
    const original = await db.selectFrom('requests').select(['id', 'reference']).where('id', '=', row.duplicate_of).executeTakeFirst();
    duplicateOf = original ? { id: original.id, reference: original.reference } : null;
  }
  return {
    ...summary,
    redFlags: JSON.parse(row.red_flags) as RedFlag[],
    message: row.message,
    preferences: parsePreferences(row.preferences),
    attempts,
    history,
    matches: await resolveMatches(db, JSON.parse(row.matches) as StoredMatches, scope),
    patientId: row.patient_id,
    appointmentId: row.appointment_id,
    duplicateOf,
    outcomeNote: row.outcome_note,
    closedAt: row.closed_at,
    closedBy: ref(row.closed_by),
    flagsAcknowledgedAt: row.flags_acknowledged_at,
    flagsAcknowledgedBy: ref(row.flags_acknowledged_by),
    createdBy: ref(row.created_by),
    updatedAt: row.updated_at,
  };
}

/** The stored match ids, with today's names, limited to what the reader may see. */
async function resolveMatches(db: DbOrTrx, stored: StoredMatches, scope: DetailScope): Promise<Matches> {
  const visible = (centreId: string | null) => !scope.centreIds || centreId === null || scope.centreIds.includes(centreId);
  const result: Matches = { patients: [], requests: [] };
  if (stored.patients.length) {
    const rows = await db.selectFrom('patients')
      .select(['id', 'centre_id', 'given_name', 'family_name', 'date_of_birth', 'phone', 'merged_into', 'anonymised_at'])
      .where('id', 'in', stored.patients.map((p) => p.id)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const match of stored.patients) {
      const p = byId.get(match.id);
      if (!p || p.merged_into || p.anonymised_at || !visible(p.centre_id)) continue;
      result.patients.push({
        id: p.id, name: `${p.given_name} ${p.family_name}`.trim(), dateOfBirth: p.date_of_birth || null, phone: p.phone || null,
        reasons: match.reasons, score: match.score, match: match.match ?? 'possible-duplicate',
      });
    }
  }
  if (stored.requests.length) {
    const rows = await db.selectFrom('requests').select(['id', 'reference', 'name', 'received_at', 'status', 'centre_id', 'quarantined'])
      .where('id', 'in', stored.requests.map((r) => r.id)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const match of stored.requests) {
      const r = byId.get(match.id);
      if (!r || r.quarantined === 1 || !visible(r.centre_id)) continue;
      result.requests.push({ id: r.id, reference: r.reference, name: r.name, receivedAt: r.received_at, status: r.status, reasons: match.reasons, score: match.score });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// History

export async function addHistory(
  db: DbOrTrx,
  entry: { requestId: string; actorId: string | null; action: HistoryAction; detail?: Record<string, unknown>; at?: string; seq?: number },
): Promise<void> {
  // Changes to one request are serialised by its row lock, so max + 1 is safe here.
  const seq = entry.seq ?? Number((await db.selectFrom('request_history').select((eb) => eb.fn.max('seq').as('seq'))
    .where('request_id', '=', entry.requestId).executeTakeFirst())?.seq ?? 0) + 1;
  await db.insertInto('request_history').values({
    id: newId(), request_id: entry.requestId, seq, at: entry.at ?? nowIso(), actor_id: entry.actorId, action: entry.action,
    detail: JSON.stringify(entry.detail ?? {}),
  }).execute();
}

// ---------------------------------------------------------------------------------------------
// Arrival

export interface NewRequestInput {
  kind: RequestKind;
  source: RequestSource;
  centreId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  message: string;
  preferences: Preferences;
  consent: boolean;
  quarantineReason?: QuarantineReason | null;
  clientKey?: string | null;
  createdBy?: string | null;
  /** Demo data and tests set the arrival time; real requests arrive now. */
  receivedAt?: string;
  /** The centre `centreId` names, when the caller has just read it to validate it (saves reading it again). */
  centre?: Centre;
}

/** Contact details as stored: trimmed, blank as null, with the normalised matching keys. */
export function contactColumns(input: { name: string; phone: string | null | undefined; email: string | null | undefined }) {
  const phone = input.phone?.trim() || null;
  const email = input.email?.trim() || null;
  return {
    name: input.name.trim(),
    name_norm: normaliseName(input.name),
    phone,
    phone_e164: readPhone(phone).e164,
    email,
    email_norm: normaliseEmail(email),
  };
}

/** What arrival computes from the words, the kind and the centre: priority, flags and the due time. */
export function triageColumns(input: { kind: RequestKind; message: string; receivedAt: string; centre: Centre | null }) {
  const { priority, redFlags } = screen(input.message);
  return {
    priority,
    priority_rank: PRIORITY_RANK[priority],
    red_flags: JSON.stringify(redFlags),
    due_at: computeDueAt(input.receivedAt, input.centre, input.kind, priority),
  };
}

async function unusedReference(db: DbOrTrx, kind: RequestKind): Promise<string> {
  for (;;) {
    const reference = newReference(kind);
    const taken = await db.selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirst();
    if (!taken) return reference;
  }
}

/** When the patient chose no centre, the clock runs on the first active centre's hours. */
async function clockCentre(db: DbOrTrx, centreId: string | null): Promise<Centre | null> {
  if (centreId) return (await findCentre(db, centreId)) ?? null;
  return (await listCentres(db)).find((c) => c.active) ?? null;
}

/**
 * First contact as stored: the instant and its business minutes since arrival on the request's
 * clock centre. Every write that sets first_contact_at spreads this into the same UPDATE, so the
 * analytics figure is computed once, in the transaction that records the call.
 */
export async function firstContactColumns(db: DbOrTrx, row: Pick<RequestRow, 'received_at' | 'centre_id'>, firstContactAt: string) {
  const centre = await clockCentre(db, row.centre_id);
  return { first_contact_at: firstContactAt, first_contact_business_minutes: firstContactBusinessMinutes(row.received_at, firstContactAt, centre) };
}

/**
 * One-off fill for requests contacted before the minutes were stored with the call (migration 009).
 * Batched by id so a large database never holds every row in memory.
 */
export async function backfillFirstContactMinutes(db: DbOrTrx, batchSize = 2000): Promise<number> {
  let filled = 0;
  let after = '';
  const clocks = new Map<string | null, Centre | null>(); // a few centres, many rows
  for (;;) {
    const rows = await db.selectFrom('requests').select(['id', 'centre_id', 'received_at', 'first_contact_at'])
      .where('first_contact_at', 'is not', null).where('first_contact_business_minutes', 'is', null).where('id', '>', after)
      .orderBy('id').limit(batchSize).execute();
    for (const row of rows) {
      if (!clocks.has(row.centre_id)) clocks.set(row.centre_id, await clockCentre(db, row.centre_id));
      const minutes = firstContactBusinessMinutes(row.received_at, row.first_contact_at!, clocks.get(row.centre_id) ?? null);
      await db.updateTable('requests').set({ first_contact_business_minutes: minutes }).where('id', '=', row.id).execute();
    }
    filled += rows.length;
    if (rows.length < batchSize) return filled;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Stores a new request with its triage, due time and matches, and its first history row.
 * Call inside a transaction; the caller audits and publishes.
 */
export async function insertRequest(db: DbOrTrx, input: NewRequestInput): Promise<RequestRowWithNames> {
  const id = newId();
  const now = nowIso();
  const receivedAt = input.receivedAt ?? now;
  const centre = input.centre && input.centre.id === input.centreId ? input.centre : await clockCentre(db, input.centreId);
  const contact = contactColumns(input);
  const triage = triageColumns({ kind: input.kind, message: input.message, receivedAt, centre });
  const local = localParts(receivedAt, centre?.timeZone ?? DEFAULT_TIME_ZONE);
  const quarantined = !!input.quarantineReason;
  const matches = quarantined ? EMPTY_MATCHES : await findMatches(db, { id, ...contact, receivedAt });
  const row: RequestRow = {
    id,
    reference: await unusedReference(db, input.kind),
    kind: input.kind,
    source: input.source,
    centre_id: input.centreId,
    ...contact,
    message: input.message,
    preferences: JSON.stringify(input.preferences),
    consent: input.consent ? 1 : 0,
    ...triage,
    flags_acknowledged_at: null,
    flags_acknowledged_by: null,
    status: 'new',
    outcome: null,
    outcome_note: null,
    closed_at: null,
    closed_by: null,
    holder_id: null,
    held_at: null,
    hold_expires_at: null,
    received_at: receivedAt,
    received_local_date: local.date,
    received_local_hour: local.hour,
    received_weekday: local.weekday,
    first_contact_at: null,
    first_contact_business_minutes: null,
    attempt_count: 0,
    failed_attempt_count: 0,
    last_attempt_at: null,
    next_attempt_at: null,
    ...matchColumns(matches),
    patient_id: null,
    appointment_id: null,
    duplicate_of: null,
    quarantined: quarantined ? 1 : 0,
    quarantine_reason: input.quarantineReason ?? null,
    client_key: input.clientKey ?? null,
    created_by: input.createdBy ?? null,
    version: 1,
    created_at: receivedAt < now ? receivedAt : now,
    updated_at: receivedAt < now ? receivedAt : now,
  };
  await db.insertInto('requests').values(row).execute();
  // A new request has no history yet, so its rows are numbered from 1 without asking.
  await addHistory(db, {
    requestId: id, actorId: input.createdBy ?? null, action: 'created', at: receivedAt, seq: 1,
    detail: { source: input.source, kind: input.kind, priority: triage.priority },
  });
  if (quarantined) {
    await addHistory(db, { requestId: id, actorId: null, action: 'quarantined', at: receivedAt, seq: 2, detail: { reason: input.quarantineReason } });
  }
  // The row as stored, with the names findRequestRow would add: nobody holds a new request, and
  // clockCentre stands in for the centre only when none was chosen (then the name is null).
  return { ...row, centre_name: input.centreId ? centre?.name ?? null : null, holder_name: null };
}

/** The queue's match badge: an existing patient outranks a possible duplicate. */
export function matchColumns(matches: StoredMatches) {
  const patients = matches.patients.filter((m) => m.match === 'existing-patient').length;
  const others = matches.patients.length - patients + matches.requests.length;
  const kind = patients ? 'existing-patient' as const : others ? 'possible-duplicate' as const : null;
  return { match_kind: kind, match_count: patients || others, matches: JSON.stringify(matches) };
}

/** Submissions from one sender (HMAC of the address) since a time: the public form's rate limit. */
export async function countFromClient(db: DbOrTrx, clientKey: string, since: string): Promise<number> {
  const row = await db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_key', '=', clientKey).where('received_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// The queue

export interface QueueScope {
  userId: string;
  /** undefined = every centre (managers). Requests without a centre are visible to everyone. */
  centreIds?: string[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type RequestsEb = ExpressionBuilder<Database, 'requests'>;

/**
 * The queue filter's values, worked out from the query. Which are present (and the lists' lengths)
 * shape the SQL; the strings and numbers are bound as parameters (see shapedQuery).
 */
interface QueueFilterValues {
  quarantined: RequestsTable['quarantined'];
  /** Staff limited to their centres see these and requests without a centre. */
  visibleCentreIds?: string[];
  centreId?: string;
  ids?: string[];
  /** Open requests only: written as 'not closed' so the planner can use the partial open-queue index (migration 007). */
  openOnly: boolean;
  status?: RequestsTable['status'];
  kind?: RequestKind;
  priority?: QueueQuery['priority'];
  mine?: { holderId: string; now: string };
  unassignedAt?: string;
  overdueAt?: string;
  search?: QueueSearchValues;
}

/** A reference looked up exactly, or patterns for name, email, reference and phone. */
type QueueSearchValues = { reference: string } | { nameLike?: string; emailLike: string; referenceLike: string; phoneE164?: string; phoneLike?: string };

function queueFilterValues(query: QueueQuery, scope: QueueScope, now: string): QueueFilterValues {
  const status = query.status ?? (query.spam || query.ids ? 'all' : 'open');
  const q = query.q?.trim();
  return {
    quarantined: query.spam ? 1 : 0,
    ...(scope.centreIds && { visibleCentreIds: scope.centreIds }),
    ...(query.centreId && { centreId: query.centreId }),
    ...(query.ids && { ids: query.ids }),
    openOnly: status === 'open',
    ...(status !== 'open' && status !== 'all' && { status }),
    ...(query.kind && { kind: query.kind }),
    ...(query.priority && { priority: query.priority }),
    ...(query.mine && { mine: { holderId: scope.userId, now } }),
    ...(query.unassigned && { unassignedAt: now }),
    ...(query.overdue && { overdueAt: now }),
    ...(q && { search: searchValues(q) }),
  };
}

/** Name, email, reference, or phone in any format (compared as normalised digits). */
function searchValues(q: string): QueueSearchValues {
  const reference = asReference(q);
  if (reference) return { reference };
  const name = normaliseName(q);
  const search: QueueSearchValues = {
    ...(name && { nameLike: `%${escapeLike(name)}%` }),
    emailLike: `%${escapeLike(q.toLowerCase())}%`,
    referenceLike: `%${escapeLike(q.toUpperCase())}%`,
  };
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 4 && /^[\d\s()+.-]+$/.test(q)) {
    const phone = readPhone(q);
    if (phone.e164) search.phoneE164 = phone.e164;
    // A partial number: compare digits after the trunk 0 or the country code.
    const tail = digits.replace(/^(44|0)/, '');
    if (tail.length >= 4) search.phoneLike = `%${escapeLike(tail)}%`;
  }
  return search;
}

/** The WHERE of the queue's page and count; it branches on which values are present, never on what they are. */
function queueWhere(eb: RequestsEb, v: QueueFilterValues): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  and.push(eb('requests.quarantined', '=', v.quarantined));
  if (v.visibleCentreIds) {
    and.push(v.visibleCentreIds.length
      ? eb.or([eb('requests.centre_id', 'in', v.visibleCentreIds), eb('requests.centre_id', 'is', null)])
      : eb('requests.centre_id', 'is', null));
  }
  if (v.centreId !== undefined) and.push(eb('requests.centre_id', '=', v.centreId));
  if (v.ids) and.push(v.ids.length ? eb('requests.id', 'in', v.ids) : eb.lit(false));
  if (v.openOnly) and.push(eb('requests.status', '<>', 'closed'));
  if (v.status !== undefined) and.push(eb('requests.status', '=', v.status));
  if (v.kind !== undefined) and.push(eb('requests.kind', '=', v.kind));
  if (v.priority !== undefined) and.push(eb('requests.priority', '=', v.priority));
  if (v.mine) {
    and.push(eb('requests.holder_id', '=', v.mine.holderId));
    and.push(eb('requests.hold_expires_at', '>', v.mine.now));
  }
  if (v.unassignedAt !== undefined) {
    and.push(eb.or([eb('requests.holder_id', 'is', null), eb('requests.hold_expires_at', '<=', v.unassignedAt)]));
  }
  if (v.overdueAt !== undefined) {
    and.push(eb('requests.status', '!=', 'closed'));
    and.push(eb('requests.due_at', '<', v.overdueAt));
  }
  if (v.search) and.push(searchCondition(eb, v.search));
  return eb.and(and);
}

function searchCondition(eb: RequestsEb, search: QueueSearchValues): Expression<SqlBool> {
  if ('reference' in search) return eb('requests.reference', '=', search.reference);
  const or: Expression<SqlBool>[] = [];
  if (search.nameLike !== undefined) or.push(eb('requests.name_norm', 'like', search.nameLike));
  or.push(eb('requests.email_norm', 'like', search.emailLike));
  or.push(eb('requests.reference', 'like', search.referenceLike));
  if (search.phoneE164 !== undefined) or.push(eb('requests.phone_e164', '=', search.phoneE164));
  if (search.phoneLike !== undefined) or.push(eb('requests.phone_e164', 'like', search.phoneLike));
  return eb.or(or);
}

export function queueFilter(query: QueueQuery, scope: QueueScope, now: string) {
  const values = queueFilterValues(query, scope, now);
  return (eb: RequestsEb) => queueWhere(eb, values);
}

/**
 * The queue's count: matching rows counted up to one past the cap, so it stops after QUEUE_COUNT_CAP + 1
 * index entries however many requests are open (the bench's raw baseline compiles this same query).
 */
export function queueCountQuery(db: DbOrTrx, filter: ReturnType<typeof queueFilter>) {
  const matching = db.selectFrom('requests').select(sql.lit(1).as('one')).where(filter).limit(QUEUE_COUNT_CAP + 1);
  return db.selectFrom(matching.as('matching')).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** A capped count as the page reports it: the exact number, or the cap and `totalCapped`. */
export function queueTotal(counted: number): Pick<QueuePage, 'total' | 'totalCapped'> {
  return counted > QUEUE_COUNT_CAP ? { total: QUEUE_COUNT_CAP, totalCapped: true } : { total: counted, totalCapped: false };
}

type QueueSort = NonNullable<QueueQuery['sort']>;

// The queue's two statements are compiled once per shape of filter (and sort): building and compiling
// them with Kysely cost ~75 µs a page, every page.
const queuePageQuery = shapedQuery((db: DbOrTrx, v: { filter: QueueFilterValues; limit: number; offset: number }, sort: QueueSort) => {
  let list = selectSummaries(db).where((eb) => queueWhere(eb, v.filter));
  switch (sort) {
    case 'priority':
      list = list.orderBy('requests.priority_rank').orderBy('requests.due_at').orderBy('requests.received_at');
      break;
    case 'due':
      list = list.orderBy('requests.due_at').orderBy('requests.priority_rank');
      break;
    case 'newest':
      list = list.orderBy('requests.received_at', 'desc');
      break;
    case 'oldest':
      list = list.orderBy('requests.received_at');
      break;
  }
  return list.orderBy('requests.id').limit(v.limit).offset(v.offset);
});
const queueCount = shapedQuery((db: DbOrTrx, filter: QueueFilterValues, _variant: '') => queueCountQuery(db, (eb) => queueWhere(eb, filter)));

export async function listQueue(db: DbOrTrx, query: QueueQuery, scope: QueueScope, now = nowIso()): Promise<QueuePage> {
  const filter = queueFilterValues(query, scope, now);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const { rows } = await queuePageQuery(db, { filter, limit, offset }, query.sort ?? 'priority');
  // A short page is the end of the list, so it tells the count itself (every live refresh by ids is one).
  const counted = rows.length < limit && (rows.length > 0 || offset === 0)
    ? offset + rows.length
    : Number((await queueCount(db, filter, '')).rows[0]!.n);
  return { items: rows.map((row) => toSummary(row, now)), ...queueTotal(counted) };
}

// ---------------------------------------------------------------------------------------------
// Changes. Each is one conditional UPDATE on (id, version): it changes nothing and returns false
// when someone else saved first.

type RequestChanges = Partial<Omit<RequestsTable, 'id' | 'reference' | 'version' | 'created_at'>>;

export async function updateRequest(db: DbOrTrx, id: string, version: number, changes: RequestChanges, now = nowIso()): Promise<boolean> {
  const result = await db.updateTable('requests')
    .set({ ...changes, version: version + 1, updated_at: now })
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The claim: ONE conditional UPDATE, so of many simultaneous claimers exactly one wins. It succeeds
 * only while nobody else holds the request (or their claim has lapsed) and the version is the one
 * the claimer saw.
 */
export async function claimRequest(db: DbOrTrx, id: string, version: number, staffId: string, idleMinutes: number, now = nowIso()): Promise<boolean> {
  const expires = new Date(Date.parse(now) + idleMinutes * 60_000).toISOString();
  const result = await db.updateTable('requests')
    .set({
      holder_id: staffId,
      held_at: now,
      hold_expires_at: expires,
      status: sql<RequestsTable['status']>`case when status = 'new' then 'in-progress' else status end`,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('quarantined', '=', 0)
    .where('status', '!=', 'closed')
    .where((eb) => eb.or([eb('holder_id', 'is', null), eb('holder_id', '=', staffId), eb('hold_expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AttemptRecord {
  requestId: string;
  staffId: string;
  at: string;
  outcome: AttemptOutcome;
  note: string;
  nextAttemptAt: string | null;
}

export async function insertAttempt(db: DbOrTrx, attempt: AttemptRecord): Promise<string> {
  const id = newId();
  await db.insertInto('request_attempts').values({
    id, request_id: attempt.requestId, staff_id: attempt.staffId, at: attempt.at, outcome: attempt.outcome, note: attempt.note,
    next_attempt_at: attempt.nextAttemptAt, created_at: nowIso(),
  }).execute();
  return id;
}

export function isFailedAttempt(outcome: AttemptOutcome): boolean {
  return FAILED_ATTEMPT_OUTCOMES.includes(outcome);
}

export function holdUntil(now: string, idleMinutes: number): string {
  return new Date(Date.parse(now) + idleMinutes * 60_000).toISOString();
}

/** The centre's claim idle time (default when the request has no centre). */
export async function claimIdleMinutes(db: DbOrTrx, centreId: string | null): Promise<number> {
  const centre = centreId ? await findCentre(db, centreId) : undefined;
  return centre?.responseTargets.claimIdleMinutes ?? 15;
}

// ---------------------------------------------------------------------------------------------
// Transactions that never hand a client a "database busy"

const TRANSIENT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01', '55P03']);

/** A lock timeout, deadlock or serialisation failure: the same work succeeds when tried again. */
export function isTransientDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  // A random reference that collided with one stored a moment ago by a concurrent insert.
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  const detail = String((error as { constraint?: unknown } | null)?.constraint ?? '');
  return /requests\.reference|requests_reference/.test(message + detail);
}

/** Runs the work in a transaction, retrying it when the database was only briefly unavailable. */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

export type { Priority };
