import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../shared/api/common';
import {
  AuditEventSchema, AuditQuerySchema, CentreInputSchema, CentreSchema, OneTimePasswordSchema, SecuritySettingsSchema,
  StaffCreateSchema, StaffSchema, StaffUpdateSchema, type CentreInput,
} from '../../shared/api/foundation';
import type { Role } from '../../shared/roles';
import { generateOneTimePassword, hashPassword } from '../auth/passwords';
import { appendAudit, listAudit } from '../db/repositories/audit';
import { findCentre, insertCentre, listCentres, updateCentre } from '../db/repositories/centres';
import { deleteSessionsOf } from '../db/repositories/sessions';
import { getSetting, putSetting } from '../db/repositories/settings';
import { findStaff, findStaffByEmail, insertStaff, listStaff, setStaffCentres, updateStaff } from '../db/repositories/staff';
import { badRequest, conflict, notFound, staleVersion } from '../errors';
import { currentUser, expectedVersion, setEtag, TOTP_REQUIRED_ROLES_KEY, visibleCentreIds } from '../plugins/auth';

const MANAGER = { kind: 'staff', roles: ['manager'], centreScoped: false } as const;
const ANY_STAFF = { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true } as const;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkCentreInput(input: CentreInput) {
  const fields: Record<string, string> = {};
  if (!validTimeZone(input.timeZone)) fields['timeZone'] = 'Choose a time zone such as Europe/London.';
  input.openingHours.forEach((slot, index) => {
    if (slot.open >= slot.close) fields[`openingHours.${index}`] = 'Closing time must be after opening time.';
  });
  if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
}

async function checkCentreIds(app: FastifyInstance, ids: string[]) {
  const known = new Set((await listCentres(app.db)).map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw badRequest('Some fields need correcting.', { centreIds: 'Choose centres from the list.' });
}

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // ---- Centres ----
  app.get('/api/centres', {
    config: { access: ANY_STAFF },
    schema: { tags: ['centres'], summary: 'Centres the user works at (managers: all)', response: { 200: Type.Array(CentreSchema) } },
  }, async (request) => listCentres(app.db, visibleCentreIds(currentUser(request))));

  app.get('/api/centres/:id', {
    config: { access: ANY_STAFF },
    schema: { tags: ['centres'], params: IdParams, response: { 200: CentreSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const visible = visibleCentreIds(currentUser(request));
    const centre = await findCentre(app.db, request.params.id);
    if (!centre || (visible && !visible.includes(centre.id))) throw notFound('That centre');
    setEtag(reply, centre.version);
    return centre;
  });

  app.post('/api/centres', {
    config: { access: MANAGER },
    schema: { tags: ['centres'], summary: 'Add a centre', body: CentreInputSchema, response: { 201: CentreSchema, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    checkCentreInput(request.body);
    const user = currentUser(request);
    if ((await listCentres(app.db)).some((c) => c.name.toLowerCase() === request.body.name.trim().toLowerCase())) {
      throw conflict('A centre with that name already exists.');
    }
    const centre = await app.db.transaction().execute(async (trx) => {
      const created = await insertCentre(trx, request.body);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'centre.created', entityType: 'centre', entityId: created.id, centreId: created.id, ip: request.ip });
      return created;
    });
    setEtag(reply, centre.version);
    return reply.status(201).send(centre);
  });

  app.put('/api/centres/:id', {
    config: { access: MANAGER },
    schema: { tags: ['centres'], summary: 'Edit a centre (If-Match required)', params: IdParams, body: CentreInputSchema, response: { 200: CentreSchema, 400: ErrorBody, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    checkCentreInput(request.body);
    const user = currentUser(request);
    const name = request.body.name.trim().toLowerCase();
    const centre = await app.db.transaction().execute(async (trx) => {
      if (!(await findCentre(trx, request.params.id))) throw notFound('That centre');
      if ((await listCentres(trx)).some((c) => c.id !== request.params.id && c.name.toLowerCase() === name)) {
        throw conflict('A centre with that name already exists.');
      }
      const updated = await updateCentre(trx, request.params.id, version, request.body);
      if (!updated) throw staleVersion();
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'centre.updated', entityType: 'centre', entityId: updated.id, centreId: updated.id, ip: request.ip, detail: { version: updated.version } });
      return updated;
    });
    setEtag(reply, centre.version);
    return centre;
  });

  // ---- Staff ----
  app.get('/api/staff', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], summary: 'All staff accounts', response: { 200: Type.Array(StaffSchema) } },
  }, async () => listStaff(app.db));

  app.get('/api/staff/:id', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], params: IdParams, response: { 200: StaffSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const staff = await findStaff(app.db, request.params.id);
    if (!staff) throw notFound('That staff member');
    setEtag(reply, staff.version);
    return staff;
  });

  app.post('/api/staff', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], summary: 'Add a staff member; returns a one-time password to hand over', body: StaffCreateSchema, response: { 201: OneTimePasswordSchema, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    await checkCentreIds(app, request.body.centreIds);
    if (await findStaffByEmail(app.db, request.body.email)) throw conflict('Someone already has an account with that email.');
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const staff = await app.db.transaction().execute(async (trx) => {
      const created = await insertStaff(trx, { ...request.body, passwordHash, mustChangePassword: true });
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'staff.created', entityType: 'staff', entityId: created.id, ip: request.ip, detail: { role: created.role, centreIds: created.centreIds } });
      return created;
    });
    return reply.status(201).send({ staff, oneTimePassword });
  });

  app.put('/api/staff/:id', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], summary: 'Edit role, centres, name or active (If-Match required)', params: IdParams, body: StaffUpdateSchema, response: { 200: StaffSchema, 400: ErrorBody, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    await checkCentreIds(app, request.body.centreIds);
    const before = await findStaff(app.db, request.params.id);
    if (!before) throw notFound('That staff member');
    if (before.id === user.id && (request.body.role !== 'manager' || !request.body.active)) {
      throw badRequest('Some fields need correcting.', { role: 'You cannot remove your own manager access or disable yourself.' });
    }
    const staff = await app.db.transaction().execute(async (trx) => {
      const saved = await updateStaff(trx, before.id, { name: request.body.name, role: request.body.role, active: request.body.active }, version);
      if (!saved) throw staleVersion();
      await setStaffCentres(trx, before.id, request.body.centreIds);
      const accessChanged = before.role !== request.body.role || before.active !== request.body.active;
      // A new role or a disabled account takes effect on the very next request: its sessions end now.
      if (accessChanged) await deleteSessionsOf(trx, before.id);
      await appendAudit(trx, {
        actorId: user.id, actorRole: user.role, action: 'staff.updated', entityType: 'staff', entityId: before.id, ip: request.ip,
        detail: { from: { role: before.role, active: before.active, centreIds: before.centreIds }, to: { role: request.body.role, active: request.body.active, centreIds: request.body.centreIds } },
      });
      return (await findStaff(trx, before.id))!;
    });
    setEtag(reply, staff.version);
    return staff;
  });

  app.post('/api/staff/:id/reset-password', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], summary: 'Set a one-time password and sign the user out everywhere', params: IdParams, response: { 200: OneTimePasswordSchema, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    if (!(await findStaff(app.db, request.params.id))) throw notFound('That staff member');
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const staff = await app.db.transaction().execute(async (trx) => {
      await updateStaff(trx, request.params.id, { passwordHash, mustChangePassword: true });
      await deleteSessionsOf(trx, request.params.id);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'staff.password-reset', entityType: 'staff', entityId: request.params.id, ip: request.ip });
      return (await findStaff(trx, request.params.id))!;
    });
    return { staff, oneTimePassword };
  });

  app.post('/api/staff/:id/reset-totp', {
    config: { access: MANAGER },
    schema: { tags: ['staff'], summary: 'Turn off two-factor for a user who lost their phone', params: IdParams, response: { 200: StaffSchema, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    if (!(await findStaff(app.db, request.params.id))) throw notFound('That staff member');
    return app.db.transaction().execute(async (trx) => {
      await updateStaff(trx, request.params.id, { totpEnabled: false, totpSecret: null, recoveryCodeHashes: [] });
      await deleteSessionsOf(trx, request.params.id);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'staff.totp-reset', entityType: 'staff', entityId: request.params.id, ip: request.ip });
      return (await findStaff(trx, request.params.id))!;
    });
  });

  // ---- Security settings ----
  app.get('/api/settings/security', {
    config: { access: MANAGER },
    schema: { tags: ['settings'], response: { 200: SecuritySettingsSchema } },
  }, async (_request, reply) => {
    const { value, version } = await getSetting<Role[]>(app.db, TOTP_REQUIRED_ROLES_KEY, []);
    setEtag(reply, version);
    return { totpRequiredRoles: value, version };
  });

  app.put('/api/settings/security', {
    config: { access: MANAGER },
    schema: { tags: ['settings'], summary: 'Require two-factor sign-in for roles (If-Match required)', body: Type.Object({ totpRequiredRoles: SecuritySettingsSchema.properties.totpRequiredRoles }, { additionalProperties: false }), response: { 200: SecuritySettingsSchema, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    await app.db.transaction().execute(async (trx) => {
      if (!(await putSetting(trx, TOTP_REQUIRED_ROLES_KEY, request.body.totpRequiredRoles, version))) throw staleVersion();
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'settings.security-updated', ip: request.ip, detail: { totpRequiredRoles: request.body.totpRequiredRoles } });
    });
    setEtag(reply, version + 1);
    return { totpRequiredRoles: request.body.totpRequiredRoles, version: version + 1 };
  });

  // ---- Audit ----
  app.get('/api/audit', {
    config: { access: MANAGER },
    schema: {
      tags: ['audit'], summary: 'The audit log, newest first, filtered',
      querystring: AuditQuerySchema,
      response: { 200: Type.Array(AuditEventSchema) },
    },
  }, async (request) => {
    const rows = await listAudit(app.db, { ...request.query, limit: request.query.limit ?? 100 });
    return rows.map((row) => ({
      seq: Number(row.seq), at: row.at, actorId: row.actor_id, actorName: row.actor_name ?? null, actorRole: row.actor_role,
      action: row.action, entityType: row.entity_type, entityId: row.entity_id, outcome: row.outcome, ip: row.ip,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  });
}
