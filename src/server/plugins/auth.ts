import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appendAudit } from '../db/repositories/audit';
import { deleteExpiredSessions, deleteSession, findSessionWithStaff, touchSession } from '../db/repositories/sessions';
import type { DbOrTrx } from '../db/database';
import { getSetting } from '../db/repositories/settings';
import { forbidden, HttpError, unauthorised } from '../errors';
import type { Role } from '../../shared/roles';
import type { CurrentUser, RouteAccess } from '../types';

export const SESSION_COOKIE = 'cd_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';
export const TOTP_REQUIRED_ROLES_KEY = 'security.totpRequiredRoles';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writing last_seen_at on every request would double the writes; a minute's precision is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export function cookieOptions(httpOnly: boolean) {
  return { path: '/', httpOnly, secure: true, sameSite: 'strict' as const };
}

export function setSessionCookies(reply: FastifyReply, sessionId: string, csrfToken: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(true));
  reply.setCookie(XSRF_COOKIE, csrfToken, cookieOptions(false));
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(true));
  reply.clearCookie(XSRF_COOKIE, cookieOptions(false));
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The browser's Origin (or Referer) must be this site or an allowed public-form origin. */
export function originAllowed(request: FastifyRequest, extraOrigins: string[]): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin ?? (request.headers.referer ? safeOrigin(request.headers.referer) : undefined);
  if (!origin) return true; // Non-browser clients send none; they still need the session's CSRF token.
  if (origin === 'null') return false;
  const host = request.host;
  const own = [`http://${host}`, `https://${host}`];
  return own.includes(origin) || extraOrigins.includes(origin);
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export async function totpRequiredRoles(app: FastifyInstance): Promise<Role[]> {
  return (await getSetting<Role[]>(app.db, TOTP_REQUIRED_ROLES_KEY, [])).value;
}

async function auditRefusal(app: FastifyInstance, request: FastifyRequest, reason: string, status: number) {
  await app.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: request.user?.id ?? null,
      actorRole: request.user?.role ?? null,
      action: 'access.refused',
      ip: request.ip,
      outcome: 'refused',
      detail: { method: request.method, route: request.routeOptions.url ?? '', status, reason },
    }),
  );
}

/**
 * A day after a session timed out it is deleted. Until then its row stays, so a page opened the
 * morning after can still say "your session ended" rather than treat the person as a stranger.
 */
const EXPIRED_SESSION_KEPT_MS = 24 * 3_600_000;
const SESSION_SWEEP_INTERVAL_MS = 3_600_000;

/** Deletes sessions that timed out more than a day ago; every instance may run it, it only deletes. */
export async function sweepExpiredSessions(
  db: DbOrTrx, timeouts: { idleTimeoutMinutes: number; absoluteTimeoutHours: number }, now = Date.now(),
): Promise<void> {
  const idleBefore = new Date(now - timeouts.idleTimeoutMinutes * 60_000 - EXPIRED_SESSION_KEPT_MS).toISOString();
  const createdBefore = new Date(now - timeouts.absoluteTimeoutHours * 3_600_000 - EXPIRED_SESSION_KEPT_MS).toISOString();
  await deleteExpiredSessions(db, idleBefore, createdBefore);
}

async function authPlugin(app: FastifyInstance) {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionId', null);
  const { idleTimeoutMinutes, absoluteTimeoutHours } = app.config;

  const sweep = () => sweepExpiredSessions(app.db, app.config).catch((error: unknown) => app.log.warn({ err: error }, 'expired-session sweep failed'));
  app.addHook('onReady', async () => {
    await sweep();
  });
  const sweeper = setInterval(sweep, SESSION_SWEEP_INTERVAL_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  /**
   * Loads the session from the cookie, ending it when a timeout has passed.
   * Returns true when the cookie named a session that has just expired.
   */
  async function loadSession(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId || sessionId.length > 200) return false;
    const found = await findSessionWithStaff(app.db, sessionId, TOTP_REQUIRED_ROLES_KEY);
    if (!found) return false;
    const { session, staff } = found;
    const now = Date.now();
    const idleExpired = Date.parse(session.last_seen_at) + idleTimeoutMinutes * 60_000 <= now;
    const absoluteExpired = Date.parse(session.created_at) + absoluteTimeoutHours * 3_600_000 <= now;
    if (idleExpired || absoluteExpired) {
      await deleteSession(app.db, session.id_hash);
      clearSessionCookies(reply);
      return true;
    }
    request.session = session;
    request.sessionId = sessionId;
    if (session.stage !== 'active') return false;
    if (!staff || staff.active !== 1) {
      await deleteSession(app.db, session.id_hash);
      clearSessionCookies(reply);
      request.session = null;
      return false;
    }
    const totpRoles = found.setting === null ? [] : (JSON.parse(found.setting) as Role[]);
    const needsTotp = staff.totp_enabled !== 1 && totpRoles.includes(staff.role);
    const user: CurrentUser = {
      id: staff.id,
      name: staff.name,
      email: staff.email,
      role: staff.role,
      centreIds: found.centreIds,
      restricted: staff.must_change_password === 1 || needsTotp,
    };
    request.user = user;
    if (!request.routeOptions.config.passive && Date.parse(session.last_seen_at) + TOUCH_INTERVAL_MS < now) {
      await touchSession(app.db, session.id_hash);
    }
    return false;
  }

  app.addHook('onRequest', async (request, reply) => {
    const access: RouteAccess | undefined = request.routeOptions.config.access;
    if (!access) return; // static files and the SPA
    const expired = await loadSession(request, reply);

    /** Every refusal is audited before it is sent, whoever asked and whatever the reason. */
    const refuse = async (error: HttpError, reason: string): Promise<never> => {
      await auditRefusal(app, request, reason, error.statusCode);
      throw error;
    };

    if (STATE_CHANGING.has(request.method) && access.kind !== 'public') {
      if (!originAllowed(request, [])) {
        await refuse(new HttpError(403, 'bad_origin', 'This request came from another site and was refused.'), 'cross-site origin');
      }
      // Sign-in itself has no session yet; the Origin check above protects it.
      if (request.session) {
        const header = request.headers[XSRF_HEADER];
        if (typeof header !== 'string' || !sameToken(header, request.session.csrf_token)) {
          await refuse(new HttpError(403, 'csrf', 'Your page is out of date. Reload it and try again.'), 'missing or wrong CSRF token');
        }
      }
    }

    switch (access.kind) {
      case 'public':
        return;
      case 'totp-pending':
        if (request.session?.stage !== 'totp') await refuse(unauthorised('Start again by entering your email and password.'), 'no sign-in in progress');
        return;
      case 'staff': {
        const user = request.user;
        if (!user) {
          if (expired) await refuse(unauthorised('Your session has ended. Please sign in again.', 'session_expired'), 'session expired');
          return refuse(unauthorised(), 'not signed in');
        }
        if (!access.roles.includes(user.role)) {
          await refuse(forbidden(), `role ${user.role} not allowed`);
        }
        if (user.restricted && !access.allowRestricted) {
          await refuse(
            new HttpError(403, 'account_setup_required', 'Finish setting up your account first (new password or two-factor sign-in).'),
            'account setup not finished',
          );
        }
      }
    }
  });

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${url} does not declare who may call it (config.access).`);
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db'] });

/** The signed-in user; only call from routes whose access kind is 'staff'. */
export function currentUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthorised();
  return request.user;
}

/** Whether the user may see records of this centre (managers run every centre). */
export function canSeeCentre(user: CurrentUser, centreId: string | null | undefined): boolean {
  return user.role === 'manager' || (!!centreId && user.centreIds.includes(centreId));
}

/** The centres a user's lists are limited to; undefined means every centre. */
export function visibleCentreIds(user: CurrentUser): string[] | undefined {
  return user.role === 'manager' ? undefined : user.centreIds;
}

/** Parses If-Match ("3", W/"3" or 3): 428 without it. */
export function expectedVersion(request: FastifyRequest): number {
  const raw = request.headers['if-match'];
  const match = typeof raw === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw.trim()) : null;
  if (!match) throw new HttpError(428, 'version_required', 'This change needs the version you are editing (If-Match header).');
  return Number(match[1]);
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}
