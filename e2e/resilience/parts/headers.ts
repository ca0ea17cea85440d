/** Part 11, headers: every kind of response carries CSP (no inline scripts), HSTS, nosniff, Referrer-Policy; /api is no-store. */
import { Tally } from '../lib/report';
import { agent, buildWorld, type Engine, TEST_HOST, TEST_ORIGIN } from '../lib/world';

function cspOk(csp: string | undefined): boolean {
  if (!csp) return false;
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map((p) => [p[0]!.toLowerCase(), p.slice(1)]));
  const scripts = directives['script-src'] ?? directives['default-src'];
  return !!scripts && !scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'") && !scripts.includes('*') && !!directives['object-src']?.includes("'none'");
}

export async function headers(engine: Engine): Promise<Tally> {
  const tally = new Tally('11 headers', engine);
  const w = await buildWorld(engine);
  const m = await w.session(w.manager);
  const anon = agent(w.t.app);
  const h = { host: TEST_HOST, origin: TEST_ORIGIN };
  const cases: [string, () => Promise<{ statusCode: number; headers: Record<string, unknown> }>, number | null][] = [
    ['GET /api/health', () => anon.get('/api/health'), 200],
    ['GET /api/requests (signed in)', () => m.get('/api/requests'), 200],
    ['GET /api/requests/:id (ETag)', () => m.get(`/api/requests/${w.ids.request}`), 200],
    ['GET /api/handouts/:id/pdf', () => m.get(`/api/handouts/${w.ids.handout ?? 'x'}/pdf`), null],
    ['POST /api/public/requests 202', () => anon.post('/api/public/requests', { kind: 'callback', name: 'H', phone: '07700 900123', consent: true }), 202],
    ['POST /api/public/requests form 303', () => w.t.app.inject({ method: 'POST', url: '/api/public/requests', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kind=callback&name=H&phone=07700900123&consent=on' }), 303],
    ['GET /api/requests anonymous 401', () => anon.get('/api/requests'), 401],
    ['POST without CSRF 403', () => m.post('/api/centres', {}, { noCsrf: true }), 403],
    ['400 invalid body', () => m.post('/api/centres', { name: '' }), 400],
    ['404 unknown /api path', () => anon.get('/api/no-such-thing'), 404],
    ['404 unknown record', () => m.get('/api/requests/00000000-0000-4000-8000-000000000000'), 404],
    ['405/404 wrong method', () => w.t.app.inject({ method: 'DELETE', url: '/api/health', headers: h }), null],
    ['PATCH on a PUT route', () => w.t.app.inject({ method: 'PATCH', url: `/api/centres/${w.centreA}`, headers: h }), null],
    ['412 stale version', () => m.put('/api/settings/security', { totpRequiredRoles: [] }, { headers: { 'if-match': '"999"' } }), 412],
    ['428 no version', () => m.put('/api/settings/security', { totpRequiredRoles: [] }), 428],
    ['413 oversize staff body', () => m.post('/api/centres', Buffer.alloc(300 * 1024, 0x61), { headers: { 'content-type': 'application/json' } }), 413],
    ['413 oversize public body', () => w.t.app.inject({ method: 'POST', url: '/api/public/requests', headers: { ...h, 'content-type': 'application/json' }, payload: Buffer.alloc(40 * 1024, 0x61) }), 413],
    ['415 text/plain', () => m.post('/api/centres', 'hello', { headers: { 'content-type': 'text/plain' } }), 415],
    ['400 broken JSON', () => m.post('/api/centres', '{"a":', { headers: { 'content-type': 'application/json' } }), 400],
    ['400 undecodable path', () => w.t.app.inject({ method: 'GET', url: '/api/requests/%E0%A4%A', headers: h }), 400],
    ['long path parameter', () => w.t.app.inject({ method: 'GET', url: `/api/requests/${'a'.repeat(5000)}`, headers: h }), null],
    ['HEAD /api/health', () => w.t.app.inject({ method: 'HEAD', url: '/api/health', headers: h }), null],
    ['OPTIONS preflight', () => w.t.app.inject({ method: 'OPTIONS', url: '/api/public/requests', headers: { ...h, 'access-control-request-method': 'POST', origin: 'https://evil.example' } }), null],
    ['GET / (the SPA)', () => anon.get('/'), 200],
    ['GET /queue deep link', () => anon.get('/queue'), 200],
    ['GET /missing.js 404', () => anon.get('/missing.js'), 404],
    ['GET /request-callback (frameable public page)', () => anon.get('/request-callback'), 200],
    ['429 after many wrong passwords', async () => {
      let last;
      for (let i = 0; i < 8; i++) last = await agent(w.t.app, { remoteAddress: '10.9.9.9' }).post('/api/auth/login', { email: w.manager.email, password: 'wrong-password-123' });
      return last!;
    }, null],
  ];
  for (const [name, call, expected] of cases) {
    const res = await call();
    const hd = res.headers as Record<string, string | undefined>;
    if (expected !== null) tally.check(res.statusCode === expected, () => `${name}: expected ${expected}, got ${res.statusCode}`);
    tally.check(cspOk(hd['content-security-policy']), () => `${name} (${res.statusCode}): CSP missing or allows inline scripts: ${hd['content-security-policy']}`);
    tally.check(/max-age=\d{7,}/.test(hd['strict-transport-security'] ?? ''), () => `${name} (${res.statusCode}): HSTS missing: ${hd['strict-transport-security']}`);
    tally.check(hd['x-content-type-options'] === 'nosniff', () => `${name} (${res.statusCode}): nosniff missing`);
    tally.check(!!hd['referrer-policy'] && !/unsafe-url|^no-referrer-when-downgrade$/.test(hd['referrer-policy']), () => `${name} (${res.statusCode}): Referrer-Policy missing or weak: ${hd['referrer-policy']}`);
    if (name.includes('/api') || /^(4|5)\d\d|POST|PATCH|HEAD|OPTIONS|long|broken|oversize|text\/plain|CSRF|version|invalid|anonymous|unknown|wrong|429/.test(name)) {
      if (!/^GET \/(?!api)/.test(name)) tally.check(/no-store/.test(hd['cache-control'] ?? ''), () => `${name} (${res.statusCode}): /api answer without Cache-Control no-store: ${hd['cache-control']}`);
    }
  }
  await w.t.close();
  return tally;
}
