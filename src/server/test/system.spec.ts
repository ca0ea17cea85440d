import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { COMPRESS_THRESHOLD_BYTES } from '../app';
import {
  type Agent, agent, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp, type TestResponse,
} from './helpers/test-app';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

function expectErrorBody(res: TestResponse, status: number, code: string): ErrorBody['error'] {
  expect(res.statusCode).withContext(res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<ErrorBody>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

/** The headers issue 2 asks for on every response, errors and 404s included. */
function expectSecurityHeaders(res: TestResponse, options: { frameable?: boolean } = {}) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1];
  expect(scriptSrc).withContext(`CSP: ${csp}`).toBe("'self'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  const frameAncestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1];
  if (options.frameable) expect(frameAncestors).not.toBe("'none'");
  else expect(frameAncestors).toBe("'none'");
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  // The rest of helmet's set, rendered once by the security plugin.
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['x-permitted-cross-domain-policies']).toBe('none');
}

for (const engine of ENGINES) {
  describe(`system routes and the error shape (${engine})`, () => {
    let t: TestApp;
    let manager: Agent;
    let receptionist: Agent;
    let centreId: string;

    beforeAll(async () => {
      t = await createTestApp(engine, { publicFormOrigins: ['https://www.example-chiro.co.uk'] });
      const centre = await createCentre(t.db);
      centreId = centre.id;
      const m = await createStaff(t.db, { role: 'manager', centreIds: [centre.id] });
      const r = await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
      manager = await signIn(t.app, m.email, m.password);
      receptionist = await signIn(t.app, r.email, r.password);
    });
    afterAll(() => t.close());

    it('answers health with the engine in use and the version', async () => {
      const res = await agent(t.app).get('/api/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', db: engine, version: t.config.version });
    });

    it('describes every registered /api route in the OpenAPI document', async () => {
      const registered = new Set<string>();
      const probe = await createTestApp(t.testDb, {}, {
        onRoute: (route) => {
          const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD');
          if (route.url.startsWith('/api')) for (const m of methods) registered.add(`${m.toLowerCase()} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
        },
      });
      try {
        const res = await agent(probe.app).get('/api/docs/json');
        expect(res.statusCode).toBe(200);
        const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
        expect(doc.openapi).toMatch(/^3\./);
        const documented = new Set<string>();
        for (const [p, operations] of Object.entries(doc.paths)) {
          for (const method of Object.keys(operations)) if (method !== 'head') documented.add(`${method} ${p}`);
        }
        expect(registered.size).toBeGreaterThan(15);
        expect([...registered].sort()).toEqual([...documented].sort());
      } finally {
        await probe.close();
      }
    });

    describe('errors', () => {
      it('400: names each bad field and changes nothing', async () => {
        const before = (await t.db.selectFrom('staff').select('id').execute()).length;
        const res = await manager.post('/api/staff', { email: 'not-an-email', name: '', role: 'janitor', centreIds: [], extra: 1 });
        const error = expectErrorBody(res, 400, 'invalid_input');
        expect(error.fields).toEqual(jasmine.objectContaining({
          email: jasmine.any(String), name: jasmine.any(String), role: jasmine.any(String), centreIds: jasmine.any(String), extra: 'This field is not allowed here.',
        }));
        expect((await t.db.selectFrom('staff').select('id').execute()).length).toBe(before);
      });

      it('400: a body that is not JSON at all', async () => {
        const res = await manager.post('/api/centres', '{"name": ', { headers: { 'content-type': 'application/json' } });
        expectErrorBody(res, 400, 'bad_request');
      });

      it('401: a staff route without a session', async () => {
        expectErrorBody(await agent(t.app).get('/api/staff'), 401, 'unauthenticated');
      });

      it('403: a role the route does not allow', async () => {
        expectErrorBody(await receptionist.get('/api/staff'), 403, 'forbidden');
      });

      it('404: an unknown /api path, for every method', async () => {
        for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
          expectErrorBody(await manager.request(method, '/api/no-such-thing'), 404, 'not_found');
        }
      });

      it('404: an unknown record', async () => {
        expectErrorBody(await manager.get('/api/staff/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
        expectErrorBody(await manager.get('/api/centres/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
      });

      it('404: a centre outside a receptionist\'s own centres looks like no centre at all', async () => {
        const other = await createCentre(t.db);
        expectErrorBody(await receptionist.get(`/api/centres/${other.id}`), 404, 'not_found');
        expect((await receptionist.get(`/api/centres/${centreId}`)).statusCode).toBe(200);
      });

      it('428 without If-Match, 412 with a stale one', async () => {
        const read = await manager.get(`/api/centres/${centreId}`);
        const centre = read.json<{ version: number; name: string } & Record<string, unknown>>();
        const { id: _id, version: _v, ...input } = centre;
        expectErrorBody(await manager.put(`/api/centres/${centreId}`, input), 428, 'version_required');
        expectErrorBody(await manager.put(`/api/centres/${centreId}`, input, ifMatch(centre.version + 7)), 412, 'stale_version');
      });

      it('413: a body over the size limit', async () => {
        const res = await manager.post('/api/centres', { name: 'x'.repeat(300 * 1024) });
        expectErrorBody(res, 413, 'payload_too_large');
      });

      it('415: text/plain and form-encoded bodies to staff routes', async () => {
        const text = await manager.post('/api/centres', '{"name":"Text Centre"}', { headers: { 'content-type': 'text/plain' } });
        expectErrorBody(text, 415, 'unsupported_media_type');
        const form = await manager.post('/api/staff', 'email=a%40b.co&name=A&role=manager', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expectErrorBody(form, 415, 'unsupported_media_type');
        expect(await t.db.selectFrom('centres').select('id').where('name', '=', 'Text Centre').executeTakeFirst()).toBeUndefined();
      });

      it('400 with the usual body and headers for a path Fastify cannot decode', async () => {
        for (const url of ['/api/%zz', '/%E0%A4%A']) {
          const res = await agent(t.app).get(url);
          expectErrorBody(res, 400, 'bad_request');
          expect(res.body).not.toContain('%');
          expectSecurityHeaders(res);
          expect(res.headers['cache-control']).toBe('no-store');
        }
      });
    });

    it('500: a failure inside the server says nothing about its cause', async () => {
      // A broken database is the most likely real 500; its SQL error must stay in the log.
      const own = await createTestApp(engine);
      try {
        await sql`ALTER TABLE audit_head RENAME TO audit_head_gone`.execute(own.db);
        const res = await agent(own.app).get('/api/health');
        expectErrorBody(res, 500, 'internal');
        expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
        expectSecurityHeaders(res);
        expect(res.headers['cache-control']).toBe('no-store');
      } finally {
        await own.close();
      }
    });

    it('compresses responses larger than the first flight of packets', async () => {
      const large = await agent(t.app).get('/api/docs/json', { headers: { 'accept-encoding': 'gzip' } });
      expect(large.statusCode).toBe(200);
      expect(large.headers['content-encoding']).toBe('gzip');
      const text = gunzipSync(large.rawPayload).toString('utf8');
      expect(text.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
      expect(large.rawPayload.length).toBeLessThan(text.length);
      expect(JSON.parse(text).openapi).toMatch(/^3\./);
    });

    describe('security headers', () => {
      let responses: Record<string, TestResponse>;
      beforeAll(async () => {
        responses = {
          'health 200': await agent(t.app).get('/api/health'),
          'api 401': await agent(t.app).get('/api/staff'),
          'api 403': await receptionist.get('/api/staff'),
          'api 404': await agent(t.app).get('/api/nowhere'),
          'api 415': await manager.post('/api/centres', 'x', { headers: { 'content-type': 'text/plain' } }),
          'api 400': await manager.post('/api/staff', {}),
          'static 404': await agent(t.app).get('/missing.js'),
          'spa page': await agent(t.app).get('/requests/123'),
          'sign-in 401': await agent(t.app).post('/api/auth/login', { email: 'x@y.z', password: 'wrong' }),
        };
      });

      it('are on every kind of response, errors included', () => {
        for (const [name, res] of Object.entries(responses)) {
          expect(res.statusCode).withContext(name).toBeGreaterThan(0);
          expectSecurityHeaders(res);
        }
        expect(responses['spa page']!.statusCode).toBe(200);
        expect(responses['spa page']!.headers['content-type']).toMatch(/^text\/html/);
      });

      it('make every /api response uncacheable and leave the SPA revalidating', () => {
        for (const [name, res] of Object.entries(responses)) {
          if (name.startsWith('static') || name.startsWith('spa')) continue;
          expect(res.headers['cache-control']).withContext(name).toBe('no-store');
        }
        expect(responses['spa page']!.headers['cache-control']).toBe('no-cache');
      });

      it('let only the public form pages be framed, and only by PUBLIC_FORM_ORIGINS', async () => {
        for (const url of ['/request-callback', '/request-callback?centre=abc', '/book-appointment', '/request-received']) {
          const res = await agent(t.app).get(url);
          expectSecurityHeaders(res, { frameable: true });
          expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self' https://www.example-chiro.co.uk");
        }
        for (const url of ['/', '/request-callbackx', '/admin/request-callback', '/api/health?x=/request-callback']) {
          expectSecurityHeaders(await agent(t.app).get(url));
        }
      });

      it('frame public pages only from this site when PUBLIC_FORM_ORIGINS is empty', async () => {
        const own = await createTestApp(t.testDb, { publicFormOrigins: [] });
        try {
          const res = await agent(own.app).get('/request-callback');
          expect(/frame-ancestors ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1]).toBe("'self'");
        } finally {
          await own.close();
        }
      });
    });
  });
}
