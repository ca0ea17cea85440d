import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { draftSheet, type AdviceModule, type SheetDraft } from '../../shared/advice';
import { validateAdviceModule, validateSheetDraft } from '../../shared/advice/advice.schema';
import { ErrorBody, IdParams } from '../../shared/api/common';
import {
  AdviceModuleEntrySchema, AdviceModuleSaveSchema, AdviceModuleVersionSchema, HandoutDraftSchema, HandoutSchema,
  HandoutSummarySchema, IssueHandoutSchema, PrintRecordSchema,
} from '../../shared/api/handouts';
import type { ExamContent } from '../../shared/exam';
import {
  ensureShippedModules, findAdviceModule, insertAdviceModule, listAdviceModules, listAdviceVersions, saveAdviceModule,
} from '../db/repositories/advice';
import { appendAudit } from '../db/repositories/audit';
import { findHandout, issueHandout, listHandouts, recordPrint } from '../db/repositories/handouts';
import { findVisit } from '../db/repositories/visits';
import { badRequest, conflict, notFound, staleVersion } from '../errors';
import { canSeeCentre, currentUser, expectedVersion, setEtag } from '../plugins/auth';
import type { CurrentUser } from '../types';

const ANY_STAFF = { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true } as const;
const CLINICIAN = { kind: 'staff', roles: ['chiropractor'], centreScoped: true } as const;
const MANAGER = { kind: 'staff', roles: ['manager'], centreScoped: false } as const;
const LIBRARY_READERS = { kind: 'staff', roles: ['chiropractor', 'manager'], centreScoped: false } as const;

const KeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }) });

function fieldsFrom(errors: { path: string; message: string }[], prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) fields[`${prefix}${error.path.replace(/\//g, '.')}`] ??= error.message;
  return fields;
}

export default async function handoutRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // The shipped modules join the library on first start, and any new ones on upgrade.
  await ensureShippedModules(app.db);

  async function handoutInScope(user: CurrentUser, id: string) {
    const handout = await findHandout(app.db, id);
    if (!handout || !canSeeCentre(user, handout.centreId)) throw notFound('That advice sheet');
    return handout;
  }

  function audit(request: FastifyRequest, action: string, entityType: string, entityId: string, centreId: string | null, detail: Record<string, unknown> = {}) {
    const user = currentUser(request);
    return { actorId: user.id, actorRole: user.role, action, entityType, entityId, centreId, ip: request.ip, detail };
  }

  // ---- The advice library ----
  app.get('/api/advice/modules', {
    config: { access: LIBRARY_READERS },
    schema: { tags: ['advice'], summary: 'The advice library: each module\'s current version and reading age', response: { 200: Type.Array(AdviceModuleEntrySchema) } },
  }, async () => listAdviceModules(app.db));

  app.get('/api/advice/modules/:key', {
    config: { access: LIBRARY_READERS },
    schema: { tags: ['advice'], params: KeyParams, response: { 200: Type.Object({ current: AdviceModuleEntrySchema, versions: Type.Array(AdviceModuleVersionSchema) }), 404: ErrorBody } },
  }, async (request, reply) => {
    const current = await findAdviceModule(app.db, request.params.key);
    if (!current) throw notFound('That advice module');
    setEtag(reply, current.version);
    return { current, versions: await listAdviceVersions(app.db, request.params.key) };
  });

  app.post('/api/advice/modules', {
    config: { access: MANAGER },
    schema: { tags: ['advice'], summary: 'Add a module to the library', body: AdviceModuleSaveSchema, response: { 201: AdviceModuleEntrySchema, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const result = validateAdviceModule(request.body.module);
    if (!result.ok) throw badRequest('Some fields need correcting.', fieldsFrom(result.errors, 'module'));
    const user = currentUser(request);
    if (await findAdviceModule(app.db, result.value.key)) throw conflict('A module with that key already exists.');
    await app.db.transaction().execute(async (trx) => {
      await insertAdviceModule(trx, result.value, request.body.active, user.id);
      await appendAudit(trx, audit(request, 'advice.module-created', 'advice_module', result.value.key, null));
    });
    const created = (await findAdviceModule(app.db, result.value.key))!;
    setEtag(reply, created.version);
    return reply.status(201).send(created);
  });

  app.put('/api/advice/modules/:key', {
    config: { access: MANAGER },
    schema: { tags: ['advice'], summary: 'Save a new version of a module (If-Match required; old versions are kept)', params: KeyParams, body: AdviceModuleSaveSchema, response: { 200: AdviceModuleEntrySchema, 400: ErrorBody, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const result = validateAdviceModule(request.body.module);
    if (!result.ok) throw badRequest('Some fields need correcting.', fieldsFrom(result.errors, 'module'));
    if (result.value.key !== request.params.key) throw badRequest('Some fields need correcting.', { 'module.key': 'The key of a module cannot change.' });
    const user = currentUser(request);
    if (!(await findAdviceModule(app.db, request.params.key))) throw notFound('That advice module');
    await app.db.transaction().execute(async (trx) => {
      if (!(await saveAdviceModule(trx, request.params.key, version, result.value, request.body.active, user.id))) throw staleVersion();
      await appendAudit(trx, audit(request, 'advice.module-updated', 'advice_module', request.params.key, null, { version: version + 1 }));
    });
    const saved = (await findAdviceModule(app.db, request.params.key))!;
    setEtag(reply, saved.version);
    return saved;
  });

  // ---- Drafting and issuing ----
  app.get('/api/visits/:id/handout-draft', {
    config: { access: CLINICIAN },
    schema: { tags: ['handouts'], summary: 'The sheet the rules propose from this visit\'s findings, with reasons', params: IdParams, response: { 200: HandoutDraftSchema, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const visit = await findVisit(app.db, request.params.id);
    if (!visit || !canSeeCentre(user, visit.centreId)) throw notFound('That visit');
    const library = await listAdviceModules(app.db, { activeOnly: true });
    const draft = draftSheet(visit.content as ExamContent, { library: library.map((entry) => entry.module as AdviceModule) });
    const patient = await app.db.selectFrom('patients').select('large_print').where('id', '=', visit.patientId).executeTakeFirstOrThrow();
    await app.db.transaction().execute((trx) => appendAudit(trx, audit(request, 'visit.read', 'visit', visit.id, visit.centreId, { purpose: 'handout-draft' })));
    return { draft, library, largePrint: patient.large_print === 1 };
  });

  app.post('/api/visits/:id/handouts', {
    config: { access: CLINICIAN },
    schema: { tags: ['handouts'], summary: 'Issue a sheet: stores an unchangeable snapshot of exactly what the patient gets', params: IdParams, body: IssueHandoutSchema, response: { 201: HandoutSchema, 400: ErrorBody, 404: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const visit = await findVisit(app.db, request.params.id);
    if (!visit || !canSeeCentre(user, visit.centreId)) throw notFound('That visit');
    // The drafting rules' notes for the clinician ride along in the draft the editor sends back; they are not printed.
    const { notes: _notes, ...sheet } = (request.body.draft ?? {}) as Record<string, unknown>;
    const parsed = validateSheetDraft(sheet);
    if (!parsed.ok) throw badRequest('Some fields need correcting.', fieldsFrom(parsed.errors, 'draft'));
    const draft: SheetDraft = parsed.value;
    if (draft.items.length === 0) throw badRequest('Some fields need correcting.', { 'draft.items': 'Choose at least one module.' });

    const library = new Map((await listAdviceModules(app.db)).map((entry) => [entry.key, entry]));
    const unknown = draft.items.filter((item) => !library.get(item.moduleKey)?.active);
    if (unknown.length) throw badRequest('Some fields need correcting.', { 'draft.items': `Not in the library: ${unknown.map((u) => u.moduleKey).join(', ')}.` });
    const patient = await app.db.selectFrom('patients').select(['large_print']).where('id', '=', visit.patientId).executeTakeFirstOrThrow();
    const largePrint = request.body.largePrint ?? patient.large_print === 1;
    const id = await app.db.transaction().execute(async (trx) => {
      const handoutId = await issueHandout(trx, { visit, clinician: { id: user.id, name: user.name }, draft, library, largePrint });
      await appendAudit(trx, audit(request, 'handout.issued', 'handout', handoutId, visit.centreId, {
        patientId: visit.patientId, visitId: visit.id, modules: draft.items.map((i) => `${i.moduleKey}@${library.get(i.moduleKey)!.versionNo}`),
      }));
      return handoutId;
    });
    return reply.status(201).send((await findHandout(app.db, id))!);
  });

  // ---- The issued record: receptionists may reprint, never author ----
  app.get('/api/patients/:id/handouts', {
    config: { access: ANY_STAFF },
    schema: { tags: ['handouts'], summary: 'Sheets issued to a patient', params: IdParams, response: { 200: Type.Array(HandoutSummarySchema), 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const patient = await app.db.selectFrom('patients').select(['id', 'centre_id']).where('id', '=', request.params.id).executeTakeFirst();
    if (!patient || !canSeeCentre(user, patient.centre_id)) throw notFound('That patient');
    return listHandouts(app.db, patient.id);
  });

  app.get('/api/handouts/:id', {
    config: { access: ANY_STAFF },
    schema: { tags: ['handouts'], summary: 'An issued sheet exactly as issued (for the print view)', params: IdParams, response: { 200: HandoutSchema, 404: ErrorBody } },
  }, async (request) => handoutInScope(currentUser(request), request.params.id));

  app.post('/api/handouts/:id/prints', {
    config: { access: ANY_STAFF },
    schema: { tags: ['handouts'], summary: 'Record that the sheet was printed from the print view', params: IdParams, body: PrintRecordSchema, response: { 201: Type.Object({ prints: Type.Integer() }), 404: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const handout = await handoutInScope(user, request.params.id);
    await app.db.transaction().execute(async (trx) => {
      await recordPrint(trx, handout.id, user.id, 'print');
      await appendAudit(trx, audit(request, 'handout.printed', 'handout', handout.id, handout.centreId, { patientId: handout.patientId }));
    });
    return reply.status(201).send({ prints: handout.prints + 1 });
  });

  app.get('/api/handouts/:id/pdf', {
    config: { access: ANY_STAFF },
    schema: { tags: ['handouts'], summary: 'The issued sheet as an A4 PDF, made from the stored snapshot', params: IdParams },
  }, async (request, reply) => {
    const user = currentUser(request);
    const handout = await handoutInScope(user, request.params.id);
    // PDFKit, fontkit and svg-to-pdfkit hold ~20 MB once loaded: a server pays for them from its first PDF, not from its start.
    const { renderHandoutPdf } = await import('../pdf/handout-pdf');
    const pdf = await renderHandoutPdf(handout);
    await app.db.transaction().execute(async (trx) => {
      await recordPrint(trx, handout.id, user.id, 'pdf');
      await appendAudit(trx, audit(request, 'handout.downloaded', 'handout', handout.id, handout.centreId, { patientId: handout.patientId }));
    });
    const fileName = `advice-sheet-${handout.issuedAt.slice(0, 10)}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).send(pdf);
  });
}
