import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../shared/api/common';
import { AddendumInputSchema, NewVisitSchema, ProgressSchema, SaveVisitSchema, VisitSchema, VisitSummarySchema } from '../../shared/api/visits';
import { copyFindingsForNewVisit, emptyExam, examSignIssues, type ExamContent } from '../../shared/exam';
import { validateExamContent } from '../../shared/exam/exam.schema';
import { inGroupCommit } from '../db/group-commit';
import { appendAudit } from '../db/repositories/audit';
import { findCentre } from '../db/repositories/centres';
import { localDate } from '../db/repositories/diary';
import {
  findVisit, insertAddendum, insertVisit, latestVisitContent, listVisitSummaries, saveVisitContent, signVisit, visitsForProgress,
} from '../db/repositories/visits';
import { badRequest, conflict, HttpError, notFound, staleVersion } from '../errors';
import { canSeeCentre, currentUser, expectedVersion, setEtag } from '../plugins/auth';
import type { CurrentUser } from '../types';

const CLINICAL_READ = { kind: 'staff', roles: ['chiropractor', 'manager'], centreScoped: true } as const;
const CLINICAL_WRITE = { kind: 'staff', roles: ['chiropractor'], centreScoped: true } as const;
const ANY_STAFF = { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true } as const;

const signedLocked = () => new HttpError(409, 'visit_signed', 'This visit is signed and locked. Add an addendum instead.');

export default async function visitRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** The patient, if this user's centres include theirs; otherwise 404, never a hint it exists. */
  async function patientInScope(user: CurrentUser, patientId: string) {
    const patient = await app.db.selectFrom('patients').select(['id', 'centre_id']).where('id', '=', patientId).executeTakeFirst();
    if (!patient || !canSeeCentre(user, patient.centre_id)) throw notFound('That patient');
    return patient;
  }

  async function visitInScope(user: CurrentUser, visitId: string) {
    const visit = await findVisit(app.db, visitId);
    if (!visit || !canSeeCentre(user, visit.centreId)) throw notFound('That visit');
    return visit;
  }

  function audit(request: FastifyRequest, action: string, visit: { id: string; centreId: string; patientId: string }, detail: Record<string, unknown> = {}) {
    const user = currentUser(request);
    return { actorId: user.id, actorRole: user.role, action, entityType: 'visit', entityId: visit.id, centreId: visit.centreId, ip: request.ip, detail: { patientId: visit.patientId, ...detail } };
  }

  function parseContent(value: unknown): ExamContent {
    const result = validateExamContent(value);
    if (!result.ok) {
      const fields: Record<string, string> = {};
      for (const error of result.errors) fields[`content${error.path.replace(/\//g, '.')}`] ??= error.message;
      throw badRequest('Some exam fields need correcting.', fields);
    }
    return result.value;
  }

  app.get('/api/patients/:id/visits', {
    config: { access: ANY_STAFF },
    schema: { tags: ['visits'], summary: 'Visits of a patient: dates and clinicians only, no clinical content', params: IdParams, response: { 200: Type.Array(VisitSummarySchema), 404: ErrorBody } },
  }, async (request) => {
    await patientInScope(currentUser(request), request.params.id);
    return listVisitSummaries(app.db, request.params.id);
  });

  app.post('/api/patients/:id/visits', {
    config: { access: CLINICAL_WRITE },
    schema: { tags: ['visits'], summary: 'Start a visit (optionally from an appointment, optionally copying the last findings)', params: IdParams, body: NewVisitSchema, response: { 201: VisitSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const patient = await patientInScope(user, request.params.id);
    const centre = (await findCentre(app.db, patient.centre_id))!;
    let visitDate = request.body.visitDate ?? localDate(centre.timeZone, Date.now());
    const appointmentId = request.body.appointmentId ?? null;
    if (appointmentId) {
      const appointment = await app.db.selectFrom('appointments').select(['patient_id', 'start_at']).where('id', '=', appointmentId).executeTakeFirst();
      if (!appointment || appointment.patient_id !== patient.id) throw badRequest('Some fields need correcting.', { appointmentId: 'That appointment is not this patient\'s.' });
      const existing = await app.db.selectFrom('visits').select('id').where('appointment_id', '=', appointmentId).executeTakeFirst();
      if (existing) throw conflict('This appointment already has a visit.', 'visit_exists');
      visitDate = localDate(centre.timeZone, Date.parse(appointment.start_at));
    }
    const content = emptyExam();
    if (request.body.copyFromLast) {
      const last = await latestVisitContent(app.db, patient.id);
      if (last) {
        content.findings = copyFindingsForNewVisit(last.findings, () => randomUUID());
        content.crampProfile = structuredClone(last.crampProfile);
        content.screen = structuredClone(last.screen);
      }
    }
    const id = await app.db.transaction().execute(async (trx) => {
      const visitId = await insertVisit(trx, { patientId: patient.id, centreId: patient.centre_id, clinicianId: user.id, appointmentId, visitDate, content });
      await appendAudit(trx, audit(request, 'visit.created', { id: visitId, centreId: patient.centre_id, patientId: patient.id }, { copied: !!request.body.copyFromLast }));
      return visitId;
    });
    const visit = (await findVisit(app.db, id))!;
    setEtag(reply, visit.version);
    return reply.status(201).send(visit);
  });

  app.get('/api/visits/:id', {
    config: { access: CLINICAL_READ },
    schema: { tags: ['visits'], summary: 'A visit with its exam (every read is audited)', params: IdParams, response: { 200: VisitSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const visit = await visitInScope(currentUser(request), request.params.id);
    await app.db.transaction().execute((trx) => appendAudit(trx, audit(request, 'visit.read', visit)));
    setEtag(reply, visit.version);
    return visit;
  });

  app.put('/api/visits/:id', {
    config: { access: CLINICAL_WRITE },
    schema: { tags: ['visits'], summary: 'Save the exam of a draft visit (If-Match required)', params: IdParams, body: SaveVisitSchema, response: { 200: VisitSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const visit = await visitInScope(user, request.params.id);
    const content = parseContent(request.body.content);
    // Autosaves from every open exam arrive together: they share a commit (one wait for the disk)
    // and each is answered only once that commit is durable. The work may run again from the start.
    const updatedAt = await inGroupCommit(app.db, async (trx) => {
      const saved = await saveVisitContent(trx, visit, version, content, user.id);
      if (saved.result === 'missing') throw notFound('That visit');
      if (saved.result === 'signed') throw signedLocked();
      if (saved.result === 'stale') throw staleVersion();
      await appendAudit(trx, audit(request, 'visit.saved', visit, { version: version + 1, findings: content.findings.length }));
      return saved.updatedAt;
    });
    // The update matched this version of a draft, so the row is the one read above with only these fields changed: no need to read it again.
    setEtag(reply, version + 1);
    return { ...visit, content, version: version + 1, updatedAt, updatedByName: user.name };
  });

  app.post('/api/visits/:id/sign', {
    config: { access: CLINICAL_WRITE },
    schema: { tags: ['visits'], summary: 'Sign and lock a visit (If-Match required)', params: IdParams, response: { 200: VisitSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const visit = await visitInScope(user, request.params.id);
    const issues = examSignIssues(visit.content as ExamContent);
    if (issues.length && visit.status === 'draft') {
      const fields: Record<string, string> = {};
      for (const issue of issues) fields[`content${issue.path.replace(/\//g, '.')}`] ??= issue.message;
      throw badRequest('Finish these parts of the exam before signing.', fields);
    }
    await app.db.transaction().execute(async (trx) => {
      const result = await signVisit(trx, visit.id, version, user.id);
      if (result === 'missing') throw notFound('That visit');
      if (result === 'signed') throw signedLocked();
      if (result === 'stale') throw staleVersion();
      await appendAudit(trx, audit(request, 'visit.signed', visit));
    });
    const signed = (await findVisit(app.db, visit.id))!;
    setEtag(reply, signed.version);
    return signed;
  });

  app.post('/api/visits/:id/addenda', {
    config: { access: CLINICAL_WRITE },
    schema: { tags: ['visits'], summary: 'Add an addendum to a signed visit', params: IdParams, body: AddendumInputSchema, response: { 201: VisitSchema, 404: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const visit = await visitInScope(user, request.params.id);
    if (visit.status !== 'signed') throw conflict('A draft can still be edited directly; addenda are for signed visits.', 'visit_not_signed');
    await app.db.transaction().execute(async (trx) => {
      const addendumId = await insertAddendum(trx, visit.id, user.id, request.body.text);
      await appendAudit(trx, audit(request, 'visit.addendum-added', visit, { addendumId }));
    });
    return reply.status(201).send((await findVisit(app.db, visit.id))!);
  });

  app.get('/api/patients/:id/progress', {
    config: { access: CLINICAL_READ },
    schema: { tags: ['visits'], summary: 'Outcome scores and findings across visits (audited)', params: IdParams, response: { 200: ProgressSchema, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const patient = await patientInScope(user, request.params.id);
    const visits = await visitsForProgress(app.db, patient.id);
    await app.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'patient.progress-read', entityType: 'patient', entityId: patient.id, centreId: patient.centre_id, ip: request.ip }));
    return { visits };
  });
}
