import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Transaction } from 'kysely';
import { ErrorBody, IdParams } from '../../shared/api/common';
import {
  AttemptInputSchema, CloseInputSchema, HELD_ERROR_CODE, LinkPatientInputSchema, QueuePageSchema, QueueQuerySchema,
  ReassignInputSchema, RequestDetailSchema, RequestUpdateSchema, StaffRequestInputSchema,
  type HistoryAction, type Preferences, type RequestDetail, type RequestKind,
} from '../../shared/api/requests';
import { CLOSE_OUTCOME_LABELS } from '../../shared/requests-labels';
import { mayHoldRequest } from '../../shared/roles';
import type { Database } from '../db/database';
import { inGroupCommit } from '../db/group-commit';
import { appendAudit } from '../db/repositories/audit';
import { findCentre } from '../db/repositories/centres';
import {
  addHistory, claimIdleMinutes, claimRequest, contactColumns, findRequestRow, firstContactColumns, holdActive, holdUntil, inTransaction,
  insertAttempt, insertRequest, isFailedAttempt, listQueue, matchColumns, parsePreferences, type RequestRowWithNames,
  toDetail, triageColumns, updateRequest,
} from '../db/repositories/requests';
import { findMatches } from '../db/repositories/requests-matching';
import { DEFAULT_TIME_ZONE, localParts, readPhone } from '../db/repositories/requests-rules';
import { centreIdsOf, findStaffRow } from '../db/repositories/staff';
import { nowIso } from '../db/time';
import { badRequest, conflict, forbidden, HttpError, notFound, staleVersion } from '../errors';
import { canSeeCentre, currentUser, expectedVersion, setEtag, visibleCentreIds } from '../plugins/auth';
import type { CurrentUser } from '../types';
import { REQUESTS_ACCESS } from './requests-permissions';

type Trx = Transaction<Database>;

const WRITE_ERRORS = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody };

const heldBy = (name: string | null) =>
  new HttpError(409, HELD_ERROR_CODE, `${name || 'Someone else'} is working on this request. Ask them, or a manager, to release it.`);
const closedConflict = () => conflict('This request is closed. Reopen it first.', 'closed');
const quarantinedConflict = () => conflict('This submission is in quarantine. A manager can restore it to the queue.', 'quarantined');

/** Phone and email rules shared by the staff forms; the schema has checked shapes already. */
function contactFieldErrors(input: { kind: RequestKind; phone?: string | null; email?: string | null }): Record<string, string> {
  const fields: Record<string, string> = {};
  const phone = input.phone?.trim();
  if (phone && !readPhone(phone).valid) fields['phone'] = 'Enter a UK phone number such as 07700 900123, or an international one starting with +.';
  if (!phone && input.kind === 'callback') fields['phone'] = 'A callback needs a phone number.';
  if (!phone && !input.email?.trim() && input.kind === 'appointment') fields['phone'] = 'Give a phone number or an email address.';
  return fields;
}

export default async function requestsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** The request as this user may see it: another centre's, or quarantine for non-managers, is 404. */
  async function loadVisible(db: Trx | typeof app.db, id: string, user: CurrentUser): Promise<RequestRowWithNames> {
    const row = await findRequestRow(db, id);
    if (!row) throw notFound('That request');
    if (row.centre_id && !canSeeCentre(user, row.centre_id)) throw notFound('That request');
    if (row.quarantined === 1 && user.role !== 'manager') throw notFound('That request');
    return row;
  }

  /** Someone else holds it (and their claim has not lapsed): only they or a manager may work on it. */
  function assertMayWork(row: RequestRowWithNames, user: CurrentUser, now: string) {
    if (holdActive(row, now) && row.holder_id !== user.id && user.role !== 'manager') throw heldBy(row.holder_name);
  }

  function assertOpen(row: RequestRowWithNames) {
    if (row.quarantined === 1) throw quarantinedConflict();
    if (row.status === 'closed') throw closedConflict();
  }

  async function publish(type: 'request.created' | 'request.changed', row: { id: string; centre_id: string | null; version: number }) {
    try {
      await app.events.publish({ type, id: row.id, centreId: row.centre_id, version: Number(row.version) });
    } catch (error) {
      // The change is committed; a screen that misses the event catches up on its next reload.
      app.log.warn({ err: error }, 'live event not published');
    }
  }

  async function answer(request: FastifyRequest, reply: FastifyReply, row: RequestRowWithNames): Promise<RequestDetail> {
    const user = currentUser(request);
    setEtag(reply, Number(row.version));
    return toDetail(app.db, row, { centreIds: visibleCentreIds(user) });
  }

  interface ChangeResult {
    history?: Record<string, unknown>;
    audit?: Record<string, unknown>;
    /** Nothing changed: no history, audit or event (e.g. releasing a request nobody holds). */
    unchanged?: boolean;
  }

  /**
   * One write: checks If-Match (428/412) and visibility, runs the change in a transaction with its
   * history and audit rows, then publishes request.changed after commit.
   */
  async function change(
    request: FastifyRequest,
    id: string,
    action: HistoryAction,
    work: (trx: Trx, row: RequestRowWithNames, version: number, now: string, user: CurrentUser) => Promise<ChangeResult>,
  ): Promise<RequestRowWithNames> {
    const user = currentUser(request);
    const version = expectedVersion(request);
    const { row, changed } = await inTransaction(app.db, async (trx) => {
      const before = await loadVisible(trx, id, user);
      if (Number(before.version) !== version) throw staleVersion();
      const now = nowIso();
      const result = await work(trx, before, version, now, user);
      if (result.unchanged) return { row: before, changed: false };
      await addHistory(trx, { requestId: before.id, actorId: user.id, action, detail: result.history ?? {}, at: now });
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: `request.${action}`, entityType: 'request', entityId: before.id,
        centreId: before.centre_id, ip: request.ip, detail: { reference: before.reference, ...result.audit },
      });
      return { row: (await findRequestRow(trx, before.id))!, changed: true };
    });
    if (changed) await publish('request.changed', row);
    return row;
  }

  /** The conditional update every change ends with; 412 when someone saved in between. */
  async function save(trx: Trx, row: RequestRowWithNames, version: number, changes: Parameters<typeof updateRequest>[3], now: string) {
    if (!(await updateRequest(trx, row.id, version, changes, now))) throw staleVersion();
  }

  // ---- The queue ----
  app.get('/api/requests', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: {
      tags: ['requests'], summary: 'The queue: filters, search by name, phone, email or reference; emergency first, then due time',
      querystring: QueueQuerySchema, response: { 200: QueuePageSchema, 400: ErrorBody, 403: ErrorBody },
    },
  }, async (request) => {
    const user = currentUser(request);
    if (request.query.spam && user.role !== 'manager') throw forbidden('Only managers can see the spam folder.');
    return listQueue(app.db, request.query, { userId: user.id, centreIds: visibleCentreIds(user) });
  });

  app.get('/api/requests/:id', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'One request with attempts, history and matches (ETag; the read is audited)', params: IdParams, response: { 200: RequestDetailSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const row = await loadVisible(app.db, request.params.id, user);
    // The patient's own words about their health: every read is on the record.
    await inTransaction(app.db, (trx) => appendAudit(trx, {
      actorId: user.id, actorRole: user.role, action: 'request.viewed', entityType: 'request', entityId: row.id, centreId: row.centre_id,
      ip: request.ip, detail: { reference: row.reference },
    }));
    return answer(request, reply, row);
  });

  // ---- Staff-entered requests ----
  app.post('/api/requests', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Add a request taken on the phone or at the desk', body: StaffRequestInputSchema, response: { 201: RequestDetailSchema, 400: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const body = request.body;
    const fields = contactFieldErrors(body);
    const centre = await findCentre(app.db, body.centreId);
    if (!centre || !canSeeCentre(user, centre.id)) fields['centreId'] = 'Choose one of your centres.';
    if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
    // Shares its commit with the other arrivals of the moment; answered only once it is durable.
    const row = await inGroupCommit(app.db, async (trx) => {
      const created = await insertRequest(trx, {
        kind: body.kind, source: body.source, centreId: body.centreId, name: body.name, phone: body.phone ?? null, email: body.email ?? null,
        message: body.message, preferences: preferencesOf(body), consent: true, createdBy: user.id, centre: centre!,
      });
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'request.created', entityType: 'request', entityId: created.id, centreId: created.centre_id,
        ip: request.ip, detail: { reference: created.reference, source: body.source, kind: body.kind, priority: created.priority },
      });
      return created;
    });
    await publish('request.created', row);
    const detail = await answer(request, reply, row);
    return reply.status(201).send(detail);
  });

  app.put('/api/requests/:id', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Edit contact details, centre, kind or message (If-Match); the message is screened again', params: IdParams, body: RequestUpdateSchema, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const body = request.body;
    const row = await change(request, request.params.id, 'edited', async (trx, before, version, now, user) => {
      if (before.quarantined === 1) throw quarantinedConflict();
      assertMayWork(before, user, now);
      const fields = contactFieldErrors(body);
      const centre = await findCentre(trx, body.centreId);
      if (!centre || !canSeeCentre(user, centre.id)) fields['centreId'] = 'Choose one of your centres.';
      if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
      const contact = contactColumns({ name: body.name, phone: body.phone ?? null, email: body.email ?? null });
      const oldPreferences = parsePreferences(before.preferences);
      const preferences: Preferences = {
        preferredTime: body.preferredTime !== undefined ? body.preferredTime : oldPreferences.preferredTime,
        preferredDays: body.preferredDays ?? oldPreferences.preferredDays,
        preferredTimeOfDay: body.preferredTimeOfDay !== undefined ? body.preferredTimeOfDay : oldPreferences.preferredTimeOfDay,
        newPatient: body.newPatient !== undefined ? body.newPatient : oldPreferences.newPatient,
      };
      const triage = triageColumns({ kind: body.kind, message: body.message, receivedAt: before.received_at, centre: centre! });
      const local = localParts(before.received_at, centre?.timeZone ?? DEFAULT_TIME_ZONE);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const compare = (field: string, from: unknown, to: unknown) => {
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
      };
      compare('kind', before.kind, body.kind);
      compare('name', before.name, contact.name);
      compare('phone', before.phone, contact.phone);
      compare('email', before.email, contact.email);
      compare('centreId', before.centre_id, body.centreId);
      compare('preferences', parsePreferences(before.preferences), preferences);
      const messageChanged = before.message !== body.message;
      if (!Object.keys(changes).length && !messageChanged) return { unchanged: true };
      // New red-flag categories need a fresh acknowledgement; ones already acknowledged stay so.
      const oldCategories = new Set((JSON.parse(before.red_flags) as { category: string }[]).map((f) => f.category));
      const newFlags = JSON.parse(triage.red_flags) as { category: string }[];
      const newFlagRaised = newFlags.some((f) => !oldCategories.has(f.category));
      const contactChanged = ['name', 'phone', 'email'].some((f) => f in changes);
      const matches = contactChanged ? await findMatches(trx, { id: before.id, ...contact, receivedAt: before.received_at }) : null;
      await save(trx, before, version, {
        kind: body.kind,
        centre_id: body.centreId,
        ...contact,
        message: body.message,
        preferences: JSON.stringify(preferences),
        ...triage,
        received_local_date: local.date,
        received_local_hour: local.hour,
        received_weekday: local.weekday,
        ...(newFlagRaised && { flags_acknowledged_at: null, flags_acknowledged_by: null }),
        // Minutes to first contact are counted on the centre's clock: a new centre recounts them.
        ...(before.first_contact_at && body.centreId !== before.centre_id
          && await firstContactColumns(trx, { received_at: before.received_at, centre_id: body.centreId }, before.first_contact_at)),
        ...(matches && matchColumns(matches)),
        ...(before.holder_id === user.id && { hold_expires_at: holdUntil(now, centre!.responseTargets.claimIdleMinutes) }),
      }, now);
      const history: Record<string, unknown> = { changes };
      if (messageChanged) history['messageChanged'] = true;
      if (triage.priority !== before.priority) history['priority'] = { from: before.priority, to: triage.priority };
      return { history, audit: { fields: [...Object.keys(changes), ...(messageChanged ? ['message'] : [])] } };
    });
    return answer(request, reply, row);
  });

  // ---- Claims ----
  app.post('/api/requests/:id/claim', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: `Claim a request (If-Match). Exactly one of simultaneous claimers wins; the others get 409 '${HELD_ERROR_CODE}' naming the holder`, params: IdParams, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const version = expectedVersion(request);
    const { row, lapsedFrom } = await inTransaction(app.db, async (trx) => {
      const before = await loadVisible(trx, request.params.id, user);
      assertOpen(before);
      const now = nowIso();
      const idle = await claimIdleMinutes(trx, before.centre_id);
      if (!(await claimRequest(trx, before.id, version, user.id, idle, now))) {
        // Lost: say why, from the row as it is now.
        const current = (await findRequestRow(trx, before.id))!;
        if (current.status === 'closed') throw closedConflict();
        if (holdActive(current, now) && current.holder_id !== user.id) throw heldBy(current.holder_name);
        throw staleVersion();
      }
      const previous = before.holder_id && before.holder_id !== user.id ? before.holder_id : null;
      await addHistory(trx, { requestId: before.id, actorId: user.id, action: 'claimed', at: now, detail: previous ? { lapsedFrom: previous } : {} });
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'request.claimed', entityType: 'request', entityId: before.id, centreId: before.centre_id,
        ip: request.ip, detail: { reference: before.reference, ...(previous && { lapsedFrom: previous }) },
      });
      return { row: (await findRequestRow(trx, before.id))!, lapsedFrom: previous };
    });
    void lapsedFrom;
    await publish('request.changed', row);
    return answer(request, reply, row);
  });

  app.post('/api/requests/:id/release', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Let go of a claim (If-Match): the holder, or a manager', params: IdParams, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const row = await change(request, request.params.id, 'released', async (trx, before, version, now, user) => {
      if (!holdActive(before, now) && !before.holder_id) return { unchanged: true };
      assertMayWork(before, user, now);
      await save(trx, before, version, {
        holder_id: null, held_at: null, hold_expires_at: null,
        status: before.status === 'closed' ? 'closed' : Number(before.attempt_count) > 0 ? 'in-progress' : 'new',
      }, now);
      return { history: { from: before.holder_id }, audit: { from: before.holder_id } };
    });
    return answer(request, reply, row);
  });

  app.post('/api/requests/:id/reassign', {
    config: { access: REQUESTS_ACCESS.manager },
    schema: { tags: ['requests'], summary: 'Give the request to another member of the desk (managers, If-Match)', params: IdParams, body: ReassignInputSchema, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const row = await change(request, request.params.id, 'reassigned', async (trx, before, version, now) => {
      assertOpen(before);
      const staff = await findStaffRow(trx, request.body.staffId);
      const centres = staff ? await centreIdsOf(trx, staff.id) : [];
      const eligible = staff && mayHoldRequest({ role: staff.role, active: staff.active === 1, centreIds: centres }, before.centre_id);
      if (!eligible) throw badRequest('Some fields need correcting.', { staffId: 'Choose a receptionist or manager who works at this centre.' });
      const idle = await claimIdleMinutes(trx, before.centre_id);
      await save(trx, before, version, {
        holder_id: staff.id, held_at: now, hold_expires_at: holdUntil(now, idle), status: 'in-progress',
      }, now);
      return { history: { from: holdActive(before, now) ? before.holder_id : null, to: staff.id, toName: staff.name }, audit: { to: staff.id } };
    });
    return answer(request, reply, row);
  });

  // ---- Call attempts ----
  app.post('/api/requests/:id/attempts', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Log a call attempt (If-Match); the first sets first contact; three failed ones suggest closing', params: IdParams, body: AttemptInputSchema, response: { 201: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const body = request.body;
    const row = await change(request, request.params.id, 'attempt-logged', async (trx, before, version, now, user) => {
      assertOpen(before);
      assertMayWork(before, user, now);
      const at = body.at ? new Date(body.at).toISOString() : now;
      const fields: Record<string, string> = {};
      if (Date.parse(at) > Date.parse(now) + 5 * 60_000) fields['at'] = 'A call attempt cannot be in the future.';
      if (at < before.received_at) fields['at'] = 'A call attempt cannot be before the request arrived.';
      const next = body.nextAttemptAt ? new Date(body.nextAttemptAt).toISOString() : null;
      if (next && next <= at) fields['nextAttemptAt'] = 'The next attempt must be after this one.';
      if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
      const attemptId = await insertAttempt(trx, { requestId: before.id, staffId: user.id, at, outcome: body.outcome, note: body.note?.trim() ?? '', nextAttemptAt: next });
      const failed = isFailedAttempt(body.outcome);
      const idle = await claimIdleMinutes(trx, before.centre_id);
      // Whoever rings the patient holds the request, unless a manager logs a call for a colleague.
      const takeHold = !holdActive(before, now) || before.holder_id === user.id;
      await save(trx, before, version, {
        attempt_count: Number(before.attempt_count) + 1,
        // Counts failures since the patient was last reached: a conversation resets it.
        failed_attempt_count: failed ? Number(before.failed_attempt_count) + 1 : 0,
        last_attempt_at: !before.last_attempt_at || at > before.last_attempt_at ? at : before.last_attempt_at,
        next_attempt_at: next,
        // An earlier call logged late moves first contact back; its business minutes move with it.
        ...((!before.first_contact_at || at < before.first_contact_at) && await firstContactColumns(trx, before, at)),
        status: 'in-progress',
        ...(takeHold && { holder_id: user.id, held_at: before.holder_id === user.id ? before.held_at : now, hold_expires_at: holdUntil(now, idle) }),
      }, now);
      return { history: { attemptId, outcome: body.outcome, at, nextAttemptAt: next }, audit: { attemptId, outcome: body.outcome } };
    });
    const detail = await answer(request, reply, row);
    return reply.status(201).send(detail);
  });

  app.post('/api/requests/:id/acknowledge-flags', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Acknowledge the red flags (If-Match): explicit, never automatic', params: IdParams, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const row = await change(request, request.params.id, 'flags-acknowledged', async (trx, before, version, now, user) => {
      if (before.quarantined === 1) throw quarantinedConflict();
      const flags = JSON.parse(before.red_flags) as { category: string }[];
      if (!flags.length) throw conflict('This request has no red flags to acknowledge.', 'no_flags');
      if (before.flags_acknowledged_at) return { unchanged: true };
      await save(trx, before, version, {
        flags_acknowledged_at: now, flags_acknowledged_by: user.id,
        ...(before.holder_id === user.id && holdActive(before, now) && { hold_expires_at: holdUntil(now, await claimIdleMinutes(trx, before.centre_id)) }),
      }, now);
      const categories = [...new Set(flags.map((f) => f.category))];
      return { history: { categories, priority: before.priority }, audit: { categories } };
    });
    return answer(request, reply, row);
  });

  // ---- Outcomes ----
  app.post('/api/requests/:id/close', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Close with an outcome (If-Match): booked needs appointmentId, duplicate needs duplicateOf', params: IdParams, body: CloseInputSchema, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const body = request.body;
    const row = await change(request, request.params.id, 'closed', async (trx, before, version, now, user) => {
      assertOpen(before);
      assertMayWork(before, user, now);
      const fields: Record<string, string> = {};
      let patientId = before.patient_id;
      if (body.outcome === 'booked') {
        if (!body.appointmentId) fields['appointmentId'] = 'Choose the appointment that was booked.';
        else {
          const appointment = await trx.selectFrom('appointments').select(['id', 'centre_id', 'patient_id']).where('id', '=', body.appointmentId).executeTakeFirst();
          if (!appointment || !canSeeCentre(user, appointment.centre_id)) fields['appointmentId'] = 'That appointment was not found.';
          else if (before.centre_id && appointment.centre_id !== before.centre_id) fields['appointmentId'] = 'The appointment is at another centre.';
          else patientId ??= appointment.patient_id;
        }
      }
      if (body.outcome === 'duplicate') {
        if (!body.duplicateOf) fields['duplicateOf'] = 'Choose the request this one duplicates.';
        else if (body.duplicateOf === before.id) fields['duplicateOf'] = 'A request cannot duplicate itself.';
        else {
          const original = await trx.selectFrom('requests').select(['id', 'centre_id', 'quarantined']).where('id', '=', body.duplicateOf).executeTakeFirst();
          if (!original || original.quarantined === 1 || (original.centre_id && !canSeeCentre(user, original.centre_id))) fields['duplicateOf'] = 'That request was not found.';
          else if (original.centre_id !== before.centre_id) fields['duplicateOf'] = 'The original request must be at the same centre.';
        }
      }
      if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
      await save(trx, before, version, {
        status: 'closed',
        outcome: body.outcome,
        outcome_note: body.note?.trim() || null,
        closed_at: now,
        closed_by: user.id,
        holder_id: null, held_at: null, hold_expires_at: null,
        appointment_id: body.outcome === 'booked' ? body.appointmentId! : null,
        duplicate_of: body.outcome === 'duplicate' ? body.duplicateOf! : null,
        patient_id: patientId,
      }, now);
      return {
        history: {
          outcome: body.outcome, label: CLOSE_OUTCOME_LABELS[body.outcome], ...(body.note?.trim() && { note: body.note.trim() }),
          ...(body.outcome === 'booked' && { appointmentId: body.appointmentId }), ...(body.outcome === 'duplicate' && { duplicateOf: body.duplicateOf }),
        },
        audit: { outcome: body.outcome, ...(body.appointmentId && { appointmentId: body.appointmentId }), ...(body.duplicateOf && { duplicateOf: body.duplicateOf }) },
      };
    });
    return answer(request, reply, row);
  });

  app.post('/api/requests/:id/reopen', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Reopen a closed request (If-Match)', params: IdParams, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const row = await change(request, request.params.id, 'reopened', async (trx, before, version, now) => {
      if (before.quarantined === 1) throw quarantinedConflict();
      if (before.status !== 'closed') throw conflict('This request is not closed.', 'not_closed');
      await save(trx, before, version, {
        status: Number(before.attempt_count) > 0 ? 'in-progress' : 'new',
        outcome: null, outcome_note: null, closed_at: null, closed_by: null, appointment_id: null, duplicate_of: null,
      }, now);
      return { history: { previousOutcome: before.outcome }, audit: { previousOutcome: before.outcome } };
    });
    return answer(request, reply, row);
  });

  app.post('/api/requests/:id/link-patient', {
    config: { access: REQUESTS_ACCESS.desk },
    schema: { tags: ['requests'], summary: 'Link the request to a patient record, or unlink with null (If-Match)', params: IdParams, body: LinkPatientInputSchema, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const patientId = request.body.patientId;
    const row = await change(request, request.params.id, patientId ? 'patient-linked' : 'patient-unlinked', async (trx, before, version, now, user) => {
      if (before.quarantined === 1) throw quarantinedConflict();
      assertMayWork(before, user, now);
      if (before.patient_id === patientId) return { unchanged: true };
      if (patientId) {
        const patient = await trx.selectFrom('patients').select(['id', 'centre_id', 'merged_into', 'anonymised_at']).where('id', '=', patientId).executeTakeFirst();
        if (!patient || !canSeeCentre(user, patient.centre_id)) throw badRequest('Some fields need correcting.', { patientId: 'That patient was not found.' });
        if (patient.merged_into) throw badRequest('Some fields need correcting.', { patientId: 'That record was merged into another: link the surviving record.' });
        if (patient.anonymised_at) throw badRequest('Some fields need correcting.', { patientId: 'That record was anonymised.' });
      }
      await save(trx, before, version, {
        patient_id: patientId,
        ...(before.holder_id === user.id && holdActive(before, now) && { hold_expires_at: holdUntil(now, await claimIdleMinutes(trx, before.centre_id)) }),
      }, now);
      return { history: { from: before.patient_id, to: patientId }, audit: { from: before.patient_id, to: patientId } };
    });
    return answer(request, reply, row);
  });

  // ---- Quarantine ----
  app.post('/api/requests/:id/restore', {
    config: { access: REQUESTS_ACCESS.manager },
    schema: { tags: ['requests'], summary: 'Move a quarantined submission into the queue (managers, If-Match)', params: IdParams, response: { 200: RequestDetailSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => {
    const row = await change(request, request.params.id, 'restored', async (trx, before, version, now) => {
      if (before.quarantined !== 1) throw conflict('This request is not in quarantine.', 'not_quarantined');
      // Matching was skipped while it sat in quarantine.
      const matches = await findMatches(trx, { id: before.id, name_norm: before.name_norm, phone_e164: before.phone_e164, email_norm: before.email_norm, receivedAt: before.received_at });
      await save(trx, before, version, { quarantined: 0, quarantine_reason: null, ...matchColumns(matches) }, now);
      return { history: { reason: before.quarantine_reason }, audit: { reason: before.quarantine_reason } };
    });
    return answer(request, reply, row);
  });
}

function preferencesOf(body: { kind: RequestKind; preferredTime?: Preferences['preferredTime']; preferredDays?: Preferences['preferredDays']; preferredTimeOfDay?: Preferences['preferredTimeOfDay']; newPatient?: boolean | null }): Preferences {
  return {
    preferredTime: body.kind === 'callback' ? body.preferredTime ?? null : null,
    preferredDays: body.kind === 'appointment' ? body.preferredDays ?? [] : [],
    preferredTimeOfDay: body.kind === 'appointment' ? body.preferredTimeOfDay ?? null : null,
    newPatient: body.kind === 'appointment' ? body.newPatient ?? null : null,
  };
}

export { preferencesOf };
