import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteOptions } from 'fastify';
import { createSession } from '../db/repositories/sessions';
import { type Permission, permissionOf, PERMISSION_TABLE } from '../permission-table';
import type { RouteAccess } from '../types';
import type { Role } from '../../shared/roles';
import { buildApp } from '../app';
import {
  type Agent, agent, createCentre, createStaff, createTestApp, createTestDb, ENGINES, TEST_HOST, testConfig, type TestApp, type TestStaff,
} from './helpers/test-app';

interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/** Every route as registered, HEAD twins of GET routes left out (they share the GET's config). */
async function registeredRoutes(): Promise<RegisteredRoute[]> {
  const seen: RegisteredRoute[] = [];
  const collect = (route: RouteOptions) => {
    for (const method of ([] as string[]).concat(route.method)) {
      seen.push({ method, url: route.url, access: route.config?.access });
    }
  };
  const t = await createTestApp('sqlite', {}, { onRoute: collect });
  await t.close();
  const gets = new Set(seen.filter((r) => r.method === 'GET').map((r) => r.url));
  return seen.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
}

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** Rows compare equal when they grant the same thing, whatever order the roles are listed in. */
function normalise(permission: Permission): unknown {
  if (typeof permission === 'string') return permission;
  return { roles: [...permission.roles].sort(), centreScoped: permission.centreScoped, allowRestricted: permission.allowRestricted === true };
}

describe('permission table', () => {
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    routes = await registeredRoutes();
  });

  it('has a row for every registered /api route', () => {
    const missing = routes.filter((r) => r.url.startsWith('/api')).map(key).filter((k) => !(k in PERMISSION_TABLE));
    expect(missing).withContext('add these routes to src/server/permission-table.ts').toEqual([]);
  });

  it('has no row without a route', () => {
    const registered = new Set(routes.map(key));
    const stale = Object.keys(PERMISSION_TABLE).filter((k) => !registered.has(k));
    expect(stale).withContext('remove these rows from src/server/permission-table.ts or register the routes').toEqual([]);
  });

  it('agrees with the access every route declares', () => {
    for (const route of routes.filter((r) => r.url.startsWith('/api'))) {
      const row = PERMISSION_TABLE[key(route)];
      if (!row) continue; // reported by the first spec
      expect(route.access).withContext(`${key(route)} declares no config.access`).toBeDefined();
      if (route.access) expect(normalise(permissionOf(route.access))).withContext(key(route)).toEqual(normalise(row));
    }
  });

  it('leaves nothing outside /api but static files (GET and HEAD) and the CORS preflight', () => {
    // @fastify/cors answers OPTIONS itself for the public form; it runs no handler of ours.
    const others = routes.filter((r) => !r.url.startsWith('/api') && key(r) !== 'OPTIONS *');
    for (const route of others) {
      expect(['GET', 'HEAD']).withContext(key(route)).toContain(route.method);
      expect(route.access).withContext(key(route)).toBeUndefined();
    }
  });

  it('is enforced: a route without config.access cannot be registered', async () => {
    const testDb = await createTestDb('sqlite');
    const app = await buildApp({ config: testConfig(testDb), conn: testDb.conn, logger: false });
    try {
      expect(() => app.get('/api/forgotten', async () => ({}))).toThrowError(/does not declare who may call it/);
    } finally {
      await app.close();
      await testDb.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every staff route called as every kind of caller.

type Caller = 'anonymous' | Role | 'disabled' | 'restricted manager';
const CALLERS: Caller[] = ['anonymous', 'receptionist', 'chiropractor', 'manager', 'disabled', 'restricted manager'];
/** Routes that answer with a stream that never ends by itself: called over a real socket. */
const STREAMING = new Set(['GET /api/events']);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

function expectedOutcome(permission: Permission, caller: Caller): { status: 'allowed' } | { status: 401 | 403; reason: RegExp } {
  if (permission === 'public') return { status: 'allowed' };
  if (caller === 'anonymous' || caller === 'disabled') return { status: 401, reason: /not signed in|no sign-in in progress/ };
  if (permission === 'totp-pending') return { status: 401, reason: /no sign-in in progress/ };
  const role: Role = caller === 'restricted manager' ? 'manager' : caller;
  if (!permission.roles.includes(role)) return { status: 403, reason: new RegExp(`role ${role} not allowed`) };
  if (caller === 'restricted manager' && !permission.allowRestricted) return { status: 403, reason: /account setup not finished/ };
  return { status: 'allowed' };
}

for (const engine of ENGINES) {
  describe(`who may call each route (${engine})`, () => {
    let t: TestApp;
    let baseUrl: string;
    const staff = {} as Record<Exclude<Caller, 'anonymous'>, TestStaff>;

    const registered = new Set<string>();

    beforeAll(async () => {
      t = await createTestApp(engine, {}, {
        onRoute: (r) => ([] as string[]).concat(r.method).forEach((m) => registered.add(`${m} ${r.url}`)),
      });
      const centreId = (await createCentre(t.db)).id;
      for (const role of ['receptionist', 'chiropractor', 'manager'] as const) staff[role] = await createStaff(t.db, { role, centreIds: [centreId] });
      staff.disabled = await createStaff(t.db, { role: 'manager', centreIds: [centreId], active: false });
      staff['restricted manager'] = await createStaff(t.db, { role: 'manager', centreIds: [centreId], mustChangePassword: true });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });
    afterAll(() => t.close());

    /** A caller with a session of its own, made directly so one call's side effects cannot leak into the next. */
    async function callerAgent(caller: Caller, stage: 'active' | 'totp' = 'active'): Promise<Agent> {
      const client = agent(t.app);
      if (caller === 'anonymous') return client;
      const { id, row } = await createSession(t.db, { staffId: staff[caller].id, stage, ip: '127.0.0.1', userAgent: 'test' });
      client.cookies.set('cd_session', id);
      client.cookies.set('XSRF-TOKEN', row.csrf_token);
      return client;
    }

    /** The status of a stream route: read the head of the response, then hang up. */
    function streamStatus(client: Agent, path: string): Promise<number> {
      return new Promise((resolve, reject) => {
        const cookie = [...client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
        const req = http.get(`${baseUrl}${path}`, { headers: { host: TEST_HOST, ...(cookie && { cookie }) }, agent: false }, (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
          req.destroy();
        });
        req.on('error', reject);
      });
    }

    async function call(client: Agent, method: string, url: string): Promise<{ status: number; body: string }> {
      const path = url.replace(/:\w+/g, SOME_ID);
      if (STREAMING.has(`${method} ${url}`)) return { status: await streamStatus(client, path), body: '' };
      const res = await client.request(method, path, method === 'GET' || method === 'HEAD' ? undefined : {});
      return { status: res.statusCode, body: res.body };
    }

    for (const [route, permission] of Object.entries(PERMISSION_TABLE)) {
      const [method, url] = route.split(' ') as [string, string];
      it(`${route}: ${typeof permission === 'string' ? permission : permission.roles.join(', ')}`, async () => {
        if (!registered.has(route)) {
          pending('no such route is registered (the permission table spec reports it)');
          return;
        }
        for (const caller of CALLERS) {
          if (permission === 'public' && caller !== 'anonymous') continue;
          const client = await callerAgent(caller);
          const expected = expectedOutcome(permission, caller);
          const before = Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
          const { status, body } = await call(client, method, url);
          if (expected.status === 'allowed') {
            expect([401, 403]).withContext(`${caller}: ${status} ${body}`).not.toContain(status);
            expect(status).withContext(`${caller}: no 5xx from a well-formed call (${body})`).toBeLessThan(500);
            continue;
          }
          expect(status).withContext(`${caller}: ${body}`).toBe(expected.status);
          const refusals = await t.db.selectFrom('audit_events').selectAll().where('seq', '>', before).where('action', '=', 'access.refused').execute();
          expect(refusals.length).withContext(`${caller}: the refusal is audited`).toBe(1);
          const detail = JSON.parse(refusals[0]?.detail ?? '{}');
          expect(detail).withContext(caller).toEqual(jasmine.objectContaining({ method, route: url, status: expected.status }));
          expect(detail.reason).withContext(caller).toMatch(expected.reason);
          const knownActor = caller !== 'anonymous' && caller !== 'disabled';
          expect(refusals[0]?.actor_id ?? null).withContext(caller).toBe(knownActor ? staff[caller as Exclude<Caller, 'anonymous'>].id : null);
        }

        if (permission === 'totp-pending') {
          // Between password and code, and only then.
          const pending = await callerAgent('manager', 'totp');
          const { status } = await call(pending, method, url);
          expect([401, 403]).not.toContain(status);
        }
      });
    }
  });
}
