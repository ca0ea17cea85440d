import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams } from '../../shared/api/common';
import {
  PatientAnonymiseInputSchema, PatientDetailSchema, PatientExportSchema, PatientInputSchema, PatientMergeInputSchema,
  PatientPageSchema, PatientSchema, PatientSearchQuerySchema, type PatientInput,
} from '../../shared/api/diary';
import type { DbOrTrx } from '../db/database';
import { listAppointments } from '../db/repositories/appointments';
import { appendAudit } from '../db/repositories/audit';
import { findCentre } from '../db/repositories/centres';
import {
  anonymisePatient, checkPatientInput, exportPatient, findPatientRow, insertPatient, mergedFrom, mergePatients,
  requestIdsOf, searchPatients, toPatient, updatePatient,
} from '../db/repositories/patients';
import { badRequest, conflict, notFound, staleVersion } from '../errors';
import { canSeeCentre, currentUser, expectedVersion, setEtag, visibleCentreIds } from '../plugins/auth';
import type { CurrentUser } from '../types';
import { DIARY_ACCESS } from './diary-permissions';

const NOT_FOUND = 'That patient';

/** The patient row if it exists and the user works at its centre; otherwise 404 (never 403: no hint it exists). */
async function visiblePatient(db: DbOrTrx, user: CurrentUser, id: string) {
  const row = await findPatientRow(db, id);
  if (!row || !canSeeCentre(user, row.centre_id)) throw notFound(NOT_FOUND);
  return row;
}

async function checkInput(db: DbOrTrx, user: CurrentUser, input: PatientInput) {
  const fields = checkPatientInput(input);
  if (!canSeeCentre(user, input.centreId) || !(await findCentre(db, input.centreId))) fields['centreId'] = 'Choose one of your centres.';
  if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
}

export default async function patientRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/patients', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: {
      tags: ['patients'], summary: 'Search patients by name, phone, date of birth, NHS number or email; or page through the list',
      querystring: PatientSearchQuerySchema, response: { 200: PatientPageSchema, 400: ErrorBody },
    },
  }, async (request) => {
    const user = currentUser(request);
    const { q, centreId, includeMerged, limit = 25, offset = 0 } = request.query;
    if (centreId && !canSeeCentre(user, centreId)) return { items: [], total: 0 };
    return searchPatients(app.db, { q, centreId, includeMerged, limit, offset, centreIds: visibleCentreIds(user) });
  });

  app.post('/api/patients', {
    config: { access: DIARY_ACCESS.desk },
    schema: { tags: ['patients'], summary: 'Add a patient', body: PatientInputSchema, response: { 201: PatientSchema, 400: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    await checkInput(app.db, user, request.body);
    const patient = await app.db.transaction().execute(async (trx) => {
      const created = await insertPatient(trx, request.body);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'patient.created', entityType: 'patient', entityId: created.id, centreId: created.centreId, ip: request.ip });
      return created;
    });
    await app.events.publish({ type: 'patient.changed', id: patient.id, centreId: patient.centreId, version: patient.version });
    setEtag(reply, patient.version);
    return reply.status(201).send(patient);
  });

  app.get('/api/patients/:id', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['patients'], summary: 'A patient with their appointments and the requests behind them', params: IdParams, response: { 200: PatientDetailSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const detail = await app.db.transaction().execute(async (trx) => {
      const row = await visiblePatient(trx, user, request.params.id);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'patient.viewed', entityType: 'patient', entityId: row.id, centreId: row.centre_id, ip: request.ip });
      return {
        patient: toPatient(row),
        appointments: await listAppointments(trx, { patientIds: [row.id] }),
        requestIds: await requestIdsOf(trx, row.id),
        mergedFrom: await mergedFrom(trx, row.id),
      };
    });
    setEtag(reply, detail.patient.version);
    return detail;
  });

  app.put('/api/patients/:id', {
    config: { access: DIARY_ACCESS.desk },
    schema: {
      tags: ['patients'], summary: 'Edit a patient\'s details (If-Match required; fields left out keep their value)',
      params: IdParams, body: PatientInputSchema, response: { 200: PatientSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody },
    },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    await visiblePatient(app.db, user, request.params.id);
    await checkInput(app.db, user, request.body);
    const patient = await app.db.transaction().execute(async (trx) => {
      const before = await visiblePatient(trx, user, request.params.id);
      if (before.merged_into) throw conflict('This record was merged into another. Edit that one instead.', 'merged');
      if (before.anonymised_at) throw conflict('This patient was anonymised; their details can no longer be edited.', 'anonymised');
      const saved = await updatePatient(trx, before.id, version, request.body);
      if (!saved) throw staleVersion();
      const changed = (Object.keys(request.body) as (keyof PatientInput)[])
        .filter((key) => JSON.stringify(request.body[key]) !== JSON.stringify(toPatient(before)[key as keyof ReturnType<typeof toPatient>]));
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'patient.updated', entityType: 'patient', entityId: saved.id, centreId: saved.centreId, ip: request.ip, detail: { fields: changed, version: saved.version } });
      return saved;
    });
    await app.events.publish({ type: 'patient.changed', id: patient.id, centreId: patient.centreId, version: patient.version });
    setEtag(reply, patient.version);
    return patient;
  });

  app.post('/api/patients/:id/merge', {
    config: { access: DIARY_ACCESS.manager },
    schema: {
      tags: ['patients'], summary: 'Fold a duplicate record into this one (If-Match: this record\'s version); the duplicate is kept, marked merged',
      params: IdParams, body: PatientMergeInputSchema, response: { 200: PatientDetailSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody },
    },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const { duplicateId, duplicateVersion } = request.body;
    if (duplicateId === request.params.id) throw badRequest('Some fields need correcting.', { duplicateId: 'Choose a different record to merge into this one.' });
    const result = await app.db.transaction().execute(async (trx) => {
      const survivor = await visiblePatient(trx, user, request.params.id);
      const duplicate = await findPatientRow(trx, duplicateId);
      if (!duplicate || !canSeeCentre(user, duplicate.centre_id)) throw badRequest('Some fields need correcting.', { duplicateId: 'That record was not found.' });
      if (survivor.merged_into) throw conflict('This record was itself merged into another; merge into that one.', 'merged');
      if (duplicate.merged_into) throw conflict('That record was already merged.', 'merged');
      if (survivor.anonymised_at || duplicate.anonymised_at) throw conflict('An anonymised record cannot be merged.', 'anonymised');
      const merged = await mergePatients(trx, survivor.id, version, duplicate.id, duplicateVersion, user.id);
      if (!merged) throw staleVersion();
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'patient.merged', entityType: 'patient', entityId: survivor.id, centreId: survivor.centre_id, ip: request.ip,
        detail: { mergedId: duplicate.id, moved: Object.fromEntries(Object.entries(merged.moved).map(([table, ids]) => [table, ids.length])) },
      });
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'patient.merged-into', entityType: 'patient', entityId: duplicate.id, centreId: duplicate.centre_id, ip: request.ip,
        detail: { survivorId: survivor.id },
      });
      return {
        detail: {
          patient: merged.survivor,
          appointments: await listAppointments(trx, { patientIds: [survivor.id] }),
          requestIds: await requestIdsOf(trx, survivor.id),
          mergedFrom: await mergedFrom(trx, survivor.id),
        },
        duplicate,
        movedAppointments: merged.moved['appointments'] ?? [],
      };
    });
    await app.events.publish({ type: 'patient.changed', id: result.detail.patient.id, centreId: result.detail.patient.centreId, version: result.detail.patient.version });
    await app.events.publish({ type: 'patient.changed', id: result.duplicate.id, centreId: result.duplicate.centre_id });
    for (const id of result.movedAppointments) await app.events.publish({ type: 'appointment.changed', id });
    setEtag(reply, result.detail.patient.version);
    return result.detail;
  });

  app.get('/api/patients/:id/export', {
    config: { access: DIARY_ACCESS.manager },
    schema: { tags: ['patients'], summary: 'Everything held about a patient, as JSON (subject access request)', params: IdParams, response: { 200: PatientExportSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const data = await app.db.transaction().execute(async (trx) => {
      const row = await visiblePatient(trx, user, request.params.id);
      // Audited first, so the export's own trail shows this export.
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'patient.exported', entityType: 'patient', entityId: row.id, centreId: row.centre_id, ip: request.ip });
      return (await exportPatient(trx, row.id))!;
    });
    reply.header('content-disposition', `attachment; filename="patient-${data.patient.id}.json"`);
    reply.header('cache-control', 'no-store');
    return data;
  });

  app.post('/api/patients/:id/anonymise', {
    config: { access: DIARY_ACCESS.manager },
    schema: {
      tags: ['patients'], summary: 'Remove what identifies a patient, keeping the records clinics must retain (If-Match required)',
      params: IdParams, body: PatientAnonymiseInputSchema, response: { 200: PatientSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody },
    },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const patient = await app.db.transaction().execute(async (trx) => {
      const row = await visiblePatient(trx, user, request.params.id);
      if (row.anonymised_at) throw conflict('This patient was already anonymised.', 'anonymised');
      if (row.merged_into) throw conflict('This record was merged into another; anonymise that one.', 'merged');
      const saved = await anonymisePatient(trx, row.id, version, request.body.reason, user.id);
      if (!saved) throw staleVersion();
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'patient.anonymised', entityType: 'patient', entityId: row.id, centreId: row.centre_id, ip: request.ip,
        detail: { reason: request.body.reason.trim() },
      });
      return saved;
    });
    await app.events.publish({ type: 'patient.changed', id: patient.id, centreId: patient.centreId, version: patient.version });
    setEtag(reply, patient.version);
    return patient;
  });
}
