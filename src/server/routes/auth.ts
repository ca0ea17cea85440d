import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { ErrorBody, Ok } from '../../shared/api/common';
import {
  ChangePasswordSchema, LoginResultSchema, LoginSchema, RecoveryCodesSchema, SessionInfoSchema,
  TotpCodeSchema, TotpEnrolmentSchema, type SessionInfo,
} from '../../shared/api/foundation';
import { hashPassword, passwordProblem, verifyPassword, decoyPasswordHash } from '../auth/passwords';
import { matchTotpStep, newRecoveryCodes, newTotpSecret, otpauthUrl } from '../auth/totp';
import type { DbOrTrx, StaffRow } from '../db/database';
import { appendAudit } from '../db/repositories/audit';
import { listCentres } from '../db/repositories/centres';
import { createSession, deleteSession, touchSession } from '../db/repositories/sessions';
import { claimTotpStep, findStaffByEmail, findStaffRow, normaliseEmail, updateStaff } from '../db/repositories/staff';
import { clearThrottle, lockedUntil, recordFailure, type ThrottleRule } from '../db/repositories/throttle';
import { badRequest, HttpError, tooManyRequests, unauthorised } from '../errors';
import { clearSessionCookies, currentUser, originAllowed, sameToken, setSessionCookies, totpRequiredRoles, XSRF_HEADER } from '../plugins/auth';

const FIFTEEN_MINUTES = 15 * 60_000;
const SIGN_IN_FAILED = 'That email and password do not match an active account.';

/*
 * Three counters. The pair (account, address) stops a guesser at the sixth try; the address alone
 * stops one machine spraying many accounts; the account alone stops a spread-out attack, but only
 * briefly, so an attacker cannot keep the real user locked out for long.
 */
function throttleRules(email: string, ip: string): ThrottleRule[] {
  const account = normaliseEmail(email);
  return [
    { key: `pair:${account}|${ip}`, limit: 5, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
    { key: `ip:${ip}`, limit: 30, windowMs: FIFTEEN_MINUTES, lockMs: FIFTEEN_MINUTES },
    { key: `account:${account}`, limit: 50, windowMs: FIFTEEN_MINUTES, lockMs: 60_000 },
  ];
}

async function refuseIfLocked(app: FastifyInstance, rules: ThrottleRule[]) {
  const until = await lockedUntil(app.db, rules.map((r) => r.key));
  if (until) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    throw tooManyRequests(`Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}

export async function sessionInfo(app: FastifyInstance, staff: StaffRow, createdAt: string): Promise<SessionInfo> {
  const centreIds = (await app.db.selectFrom('staff_centres').select('centre_id').where('staff_id', '=', staff.id).execute()).map((r) => r.centre_id);
  const centres = await listCentres(app.db, staff.role === 'manager' ? undefined : centreIds);
  const requiredRoles = await totpRequiredRoles(app);
  const absoluteEnd = Date.parse(createdAt) + app.config.absoluteTimeoutHours * 3_600_000;
  return {
    user: {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      centres: centres.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name, timeZone: c.timeZone })),
      totpEnabled: staff.totp_enabled === 1,
      totpRequired: requiredRoles.includes(staff.role),
      mustChangePassword: staff.must_change_password === 1,
    },
    idleTimeoutSeconds: app.config.idleTimeoutMinutes * 60,
    absoluteRemainingSeconds: Math.max(0, Math.floor((absoluteEnd - Date.now()) / 1000)),
  };
}

function assertSameSite(request: FastifyRequest) {
  if (!originAllowed(request, [])) throw new HttpError(403, 'bad_origin', 'This request came from another site and was refused.');
}

/** Replaces whatever session the browser had with a fresh id: no session id survives sign-in. */
async function startSession(app: FastifyInstance, trx: DbOrTrx, request: FastifyRequest, reply: FastifyReply, staff: StaffRow, stage: 'active' | 'totp') {
  if (request.session) await deleteSession(trx, request.session.id_hash);
  const { id, row } = await createSession(trx, { staffId: staff.id, stage, ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
  setSessionCookies(reply, id, row.csrf_token);
  return row;
}

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/auth/login', {
    config: { access: { kind: 'public' } },
    schema: {
      tags: ['auth'], summary: 'Sign in with email and password',
      body: LoginSchema,
      response: { 200: LoginResultSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => {
    assertSameSite(request);
    const { email, password } = request.body;
    const rules = throttleRules(email, request.ip);
    await refuseIfLocked(app, rules);
    const staff = await findStaffByEmail(app.db, email);
    // Verify against a decoy when the account does not exist, so the response time reveals nothing.
    const passwordOk = await verifyPassword(staff?.password_hash ?? (await decoyPasswordHash()), password);
    if (!staff || !passwordOk || staff.active !== 1) {
      await app.db.transaction().execute(async (trx) => {
        for (const rule of rules) await recordFailure(trx, rule);
        await appendAudit(trx, {
          actorId: staff?.id ?? null, actorRole: staff?.role ?? null, action: 'auth.sign-in', ip: request.ip, outcome: 'failure',
          detail: { reason: !staff ? 'unknown account' : staff.active !== 1 ? 'account disabled' : 'wrong password' },
        });
      });
      throw unauthorised(SIGN_IN_FAILED, 'sign_in_failed');
    }
    // Guesses sent in parallel all pass the first check; the ones that failed meanwhile count here.
    await refuseIfLocked(app, rules);
    await clearThrottle(app.db, rules[0]!.key);
    if (staff.totp_enabled === 1) {
      await app.db.transaction().execute((trx) => startSession(app, trx, request, reply, staff, 'totp'));
      return { status: 'totp-required' as const };
    }
    const session = await app.db.transaction().execute(async (trx) => {
      const row = await startSession(app, trx, request, reply, staff, 'active');
      await appendAudit(trx, { actorId: staff.id, actorRole: staff.role, action: 'auth.sign-in', ip: request.ip, detail: { factors: 1 } });
      return row;
    });
    return { status: 'signed-in' as const, session: await sessionInfo(app, staff, session.created_at) };
  });

  app.post('/api/auth/totp', {
    config: { access: { kind: 'totp-pending' } },
    schema: {
      tags: ['auth'], summary: 'Complete sign-in with a two-factor code or a recovery code',
      body: TotpCodeSchema,
      response: { 200: LoginResultSchema, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
  }, async (request, reply) => {
    const pending = request.session!;
    const staff = await findStaffRow(app.db, pending.staff_id);
    if (!staff || staff.active !== 1 || !staff.totp_secret) throw unauthorised();
    const rules = throttleRules(staff.email, request.ip);
    await refuseIfLocked(app, rules);
    const code = request.body.code.trim().toLowerCase();
    let usedRecoveryCode = false;
    const step = matchTotpStep(staff.totp_secret, code);
    const replayed = step !== null && !(await claimTotpStep(app.db, staff.id, step));
    let ok = step !== null && !replayed;
    if (step === null && code.includes('-')) {
      const hashes: string[] = JSON.parse(staff.recovery_codes);
      for (const [index, hash] of hashes.entries()) {
        if (await verifyPassword(hash, code)) {
          hashes.splice(index, 1);
          // Conditional on the version read above: of two sign-ins racing with one code, one wins.
          ok = usedRecoveryCode = await updateStaff(app.db, staff.id, { recoveryCodeHashes: hashes }, Number(staff.version));
          break;
        }
      }
    }
    if (!ok) {
      await app.db.transaction().execute(async (trx) => {
        for (const rule of rules) await recordFailure(trx, rule);
        await appendAudit(trx, {
          actorId: staff.id, actorRole: staff.role, action: 'auth.sign-in', ip: request.ip, outcome: 'failure',
          detail: { reason: replayed ? 'second-factor code used before' : 'wrong second factor' },
        });
      });
      if (replayed) throw unauthorised('That code has already been used. Wait for your app to show a new one and enter that.', 'totp_failed');
      throw unauthorised('That code is not right. Check the time on your phone and try the newest code.', 'totp_failed');
    }
    await refuseIfLocked(app, rules);
    await clearThrottle(app.db, rules[0]!.key);
    const session = await app.db.transaction().execute(async (trx) => {
      const row = await startSession(app, trx, request, reply, staff, 'active');
      await appendAudit(trx, { actorId: staff.id, actorRole: staff.role, action: 'auth.sign-in', ip: request.ip, detail: { factors: 2, recoveryCode: usedRecoveryCode } });
      return row;
    });
    return { status: 'signed-in' as const, session: await sessionInfo(app, (await findStaffRow(app.db, staff.id))!, session.created_at) };
  });

  app.post('/api/auth/logout', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['auth'], summary: 'Sign out: the session ends on the server', response: { 200: Ok, 403: ErrorBody } },
  }, async (request, reply) => {
    assertSameSite(request);
    if (request.session) {
      // Signing out is a write like any other: the page holding the session proves it with the CSRF token.
      const token = request.headers[XSRF_HEADER];
      if (typeof token !== 'string' || !sameToken(token, request.session.csrf_token)) throw new HttpError(403, 'csrf', 'Your page is out of date. Reload it and try again.');
      const session = request.session;
      await app.db.transaction().execute(async (trx) => {
        await deleteSession(trx, session.id_hash);
        if (request.user) await appendAudit(trx, { actorId: request.user.id, actorRole: request.user.role, action: 'auth.sign-out', ip: request.ip });
      });
    }
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  app.get('/api/auth/session', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: false, allowRestricted: true }, passive: true },
    schema: { tags: ['auth'], summary: 'The signed-in user and session timeouts', response: { 200: SessionInfoSchema, 401: ErrorBody } },
  }, async (request) => {
    const staff = (await findStaffRow(app.db, currentUser(request).id))!;
    return sessionInfo(app, staff, request.session!.created_at);
  });

  app.post('/api/auth/keep-alive', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: false, allowRestricted: true } },
    schema: { tags: ['auth'], summary: 'Stay signed in: counts as activity for the idle timeout', response: { 200: SessionInfoSchema, 401: ErrorBody } },
  }, async (request) => {
    await touchSession(app.db, request.session!.id_hash);
    const staff = (await findStaffRow(app.db, currentUser(request).id))!;
    return sessionInfo(app, staff, request.session!.created_at);
  });

  app.post('/api/auth/password', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: false, allowRestricted: true } },
    schema: { tags: ['auth'], summary: 'Change your own password', body: ChangePasswordSchema, response: { 200: SessionInfoSchema, 400: ErrorBody, 401: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const staff = (await findStaffRow(app.db, user.id))!;
    if (!(await verifyPassword(staff.password_hash, request.body.currentPassword))) {
      throw badRequest('Some fields need correcting.', { currentPassword: 'This is not your current password.' });
    }
    const problem = passwordProblem(request.body.newPassword, staff.email);
    if (problem) throw badRequest('Some fields need correcting.', { newPassword: problem });
    if (await verifyPassword(staff.password_hash, request.body.newPassword)) {
      throw badRequest('Some fields need correcting.', { newPassword: 'Choose a password different from your current one.' });
    }
    const passwordHash = await hashPassword(request.body.newPassword);
    await app.db.transaction().execute(async (trx) => {
      await updateStaff(trx, user.id, { passwordHash, mustChangePassword: false });
      // Other devices signed in with the old password are signed out.
      await trx.deleteFrom('sessions').where('staff_id', '=', user.id).where('id_hash', '!=', request.session!.id_hash).execute();
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'auth.password-changed', entityType: 'staff', entityId: user.id, ip: request.ip });
    });
    return sessionInfo(app, (await findStaffRow(app.db, user.id))!, request.session!.created_at);
  });

  app.post('/api/auth/totp/enrol', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: false, allowRestricted: true } },
    schema: { tags: ['auth'], summary: 'Start two-factor enrolment: a new secret and its QR code', response: { 200: TotpEnrolmentSchema, 409: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const staff = (await findStaffRow(app.db, user.id))!;
    if (staff.totp_enabled === 1) throw new HttpError(409, 'already_enrolled', 'Two-factor sign-in is already on. Ask a manager to reset it.');
    const secret = newTotpSecret();
    await updateStaff(app.db, user.id, { totpSecret: secret });
    const url = otpauthUrl(secret, staff.email);
    // Rendered here, not by a web service: the secret never leaves the clinic's server.
    const qrDataUrl = await QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
    return { secret, otpauthUrl: url, qrDataUrl };
  });

  app.post('/api/auth/totp/confirm', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: false, allowRestricted: true } },
    schema: { tags: ['auth'], summary: 'Finish enrolment with a code from the app; returns recovery codes once', body: TotpCodeSchema, response: { 200: RecoveryCodesSchema, 400: ErrorBody, 409: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const staff = (await findStaffRow(app.db, user.id))!;
    if (staff.totp_enabled === 1) throw new HttpError(409, 'already_enrolled', 'Two-factor sign-in is already on.');
    if (!staff.totp_secret) throw badRequest('Start enrolment first.');
    const step = matchTotpStep(staff.totp_secret, request.body.code);
    if (step === null) {
      throw badRequest('Some fields need correcting.', { code: 'That code is not right. Enter the 6-digit code your app shows now.' });
    }
    // The code that switched two-factor on cannot then be used to sign in as well.
    if (!(await claimTotpStep(app.db, user.id, step))) {
      throw badRequest('Some fields need correcting.', { code: 'That code has already been used. Enter the next one your app shows.' });
    }
    const recoveryCodes = newRecoveryCodes();
    const recoveryCodeHashes = await Promise.all(recoveryCodes.map(hashPassword));
    await app.db.transaction().execute(async (trx) => {
      await updateStaff(trx, user.id, { totpEnabled: true, recoveryCodeHashes });
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'auth.totp-enabled', entityType: 'staff', entityId: user.id, ip: request.ip });
    });
    return { recoveryCodes };
  });
}
