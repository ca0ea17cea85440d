/**
 * Part 5, sessions and CSRF. Fixation (a session id from before sign-in is dead after it), sign-out
 * ends the session on the server, idle and absolute timeouts (shortened through config overrides),
 * 10,000 session ids unique and >= 128 bits, and every state-changing route refuses a missing or
 * foreign CSRF token, a cross-site Origin, and form-encoded or text bodies (the public intake excepted).
 */
import { createSession } from '../../../src/server/db/repositories/sessions';
import { sleep, Tally } from '../lib/report';
import { agent, buildWorld, createStaff, createTestApp, createTestDb, currentTotp, type Engine, signIn, TEST_HOST, type TestApp, type World } from '../lib/world';

function idBits(id: string): number {
  if (/^[0-9a-f]+$/i.test(id)) return id.length * 4;
  if (/^[A-Za-z0-9_-]+$/.test(id)) return id.length * 6;
  return id.length * 5;
}

export async function sessions(engine: Engine, opts: { ids: number }): Promise<Tally> {
  const tally = new Tally('5 sessions and CSRF', engine);
  const w = await buildWorld(engine);
  try {
    await fixation(w, tally);
    await signOut(w, tally);
    await sessionIds(w, tally, opts.ids);
    await csrfEverywhere(w, tally);
  } finally {
    await w.t.close();
  }
  await timeouts(engine, tally);
  return tally;
}

async function fixation(w: World, tally: Tally) {
  // An attacker's own session id planted in the victim's browser must not become the victim's session.
  const attacker = await signIn(w.t.app, w.other.email, w.other.password);
  const planted = attacker.sessionCookie!;
  const victim = agent(w.t.app);
  victim.cookies.set('cd_session', planted);
  await victim.login(w.reception.email, w.reception.password);
  tally.check(!!victim.sessionCookie && victim.sessionCookie !== planted, () => 'sign-in kept the session id the browser already had (session fixation)');
  const replay = agent(w.t.app);
  replay.cookies.set('cd_session', planted);
  const who = await replay.get('/api/auth/session');
  tally.check(who.statusCode !== 200 || who.json().user?.id !== w.reception.id, () => 'the planted id now answers as the victim');
  // A two-factor sign-in: the id from the password step must be dead once the code is accepted.
  const totpUser = await createStaff(w.t.db, { role: 'receptionist', centreIds: [w.centreA], totp: true });
  const client = agent(w.t.app);
  await client.post('/api/auth/login', { email: totpUser.email, password: totpUser.password });
  const before = client.sessionCookie;
  tally.check(!!before, () => 'the password step of a two-factor sign-in set no cookie');
  const done = await client.post('/api/auth/totp', { code: currentTotp(totpUser.totpSecret!) });
  tally.check(done.statusCode === 200 && client.sessionCookie !== before, () => `two-factor sign-in kept the pre-sign-in session id (${done.statusCode})`);
  const old = agent(w.t.app);
  old.cookies.set('cd_session', before!);
  const res = await old.get('/api/auth/session');
  tally.check(res.statusCode === 401, () => `the session id from before the second factor still works: ${res.statusCode}`);
}

async function signOut(w: World, tally: Tally) {
  const a = await signIn(w.t.app, w.reception.email, w.reception.password);
  const copy = a.clone();
  const out = await a.post('/api/auth/logout');
  tally.check(out.statusCode === 200, () => `sign-out answered ${out.statusCode}`);
  const after = await copy.get('/api/auth/session');
  tally.check(after.statusCode === 401, () => `the session cookie still works after sign-out: ${after.statusCode}`);
  const write = await copy.post('/api/auth/keep-alive');
  tally.check(write.statusCode === 401 || write.statusCode === 403, () => `a write with the signed-out cookie answered ${write.statusCode}`);
}

async function sessionIds(w: World, tally: Tally, count: number) {
  const ids = new Set<string>();
  const tokens = new Set<string>();
  let minBits = Infinity;
  // Real sign-ins for a sample (the login path sets the cookie), the rest straight from the repository that makes them.
  for (let i = 0; i < 20; i++) {
    const a = await signIn(w.t.app, w.reception.email, w.reception.password, { remoteAddress: `10.50.0.${i + 1}` });
    ids.add(a.sessionCookie!);
    tokens.add(a.cookies.get('XSRF-TOKEN')!);
    minBits = Math.min(minBits, idBits(a.sessionCookie!), idBits(a.cookies.get('XSRF-TOKEN')!));
  }
  for (let i = ids.size; i < count; i++) {
    const { id, row } = await createSession(w.t.db, { staffId: w.reception.id, stage: 'active', ip: '127.0.0.1', userAgent: 'ids' });
    ids.add(id);
    tokens.add(row.csrf_token);
    minBits = Math.min(minBits, idBits(id), idBits(row.csrf_token));
  }
  tally.check(ids.size === count, () => `${count} sessions but only ${ids.size} distinct ids`);
  tally.check(tokens.size === count, () => `${count} sessions but only ${tokens.size} distinct CSRF tokens`);
  tally.check(minBits >= 128, () => `the shortest session id or CSRF token carries ${minBits} bits (< 128)`);
  // A crude randomness check: every base64url character appears about equally often.
  const counts = new Map<string, number>();
  for (const id of ids) for (const ch of id) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const values = [...counts.values()];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  tally.check(values.length >= 60 && Math.max(...values) < mean * 1.2 && Math.min(...values) > mean * 0.8, () => `session id characters are not evenly spread (${values.length} symbols, ${Math.min(...values)}..${Math.max(...values)} around ${Math.round(mean)})`);
  tally.note(`${count} session ids: unique, shortest ${minBits} bits`);
  tally.require(ids.size, count, 'distinct session ids');
}

async function csrfEverywhere(w: World, tally: Tally) {
  const routes = w.routes.filter((r) => r.url.startsWith('/api') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.url !== '/api/public/requests');
  const foreign = await w.session(w.other);
  const foreignToken = foreign.cookies.get('XSRF-TOKEN')!;
  let n = 0;
  for (const route of routes) {
    const url = route.url.replace(/:\w+/g, (p) => (p === ':key' ? w.ids.adviceKey : w.ids.request));
    const roles = route.access?.roles ?? ['manager'];
    const who = roles.includes('manager') ? w.manager : roles.includes('chiropractor') ? w.chiro : w.reception;
    const name = `${route.method} ${route.url}`;
    const variants: [string, (a: Awaited<ReturnType<World['session']>>) => Promise<{ statusCode: number; body: string }>, number[]][] = [
      ['missing CSRF token', (a) => a.request(route.method, url, {}, { noCsrf: true, headers: { 'if-match': '"1"' } }), [403]],
      ['foreign CSRF token', (a) => a.request(route.method, url, {}, { headers: { 'x-xsrf-token': foreignToken, 'if-match': '"1"' } }), [403]],
      ['cross-site Origin', (a) => a.request(route.method, url, {}, { headers: { origin: 'https://evil.example', 'if-match': '"1"' } }), [403]],
      ['Sec-Fetch-Site cross-site', (a) => a.request(route.method, url, {}, { headers: { origin: undefined, 'sec-fetch-site': 'cross-site', 'if-match': '"1"' } }), [403]],
      ['Referer from another site', (a) => a.request(route.method, url, {}, { headers: { origin: undefined, referer: 'https://evil.example/page', 'if-match': '"1"' } }), [403]],
      ['form-encoded body', (a) => a.request(route.method, url, 'a=1&name=x', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'if-match': '"1"' } }), [415]],
      ['text/plain body', (a) => a.request(route.method, url, '{"name":"x"}', { headers: { 'content-type': 'text/plain', 'if-match': '"1"' } }), [415]],
      ['multipart body', (a) => a.request(route.method, url, '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', { headers: { 'content-type': 'multipart/form-data; boundary=x', 'if-match': '"1"' } }), [415]],
    ];
    const isLogin = route.url === '/api/auth/login' || route.url === '/api/auth/totp';
    // Sign-in is refused for its origin before it looks at the password, so give it real credentials.
    if (route.url === '/api/auth/login') {
      for (const [what, headers] of [['cross-site Origin', { origin: 'https://evil.example' }], ['Sec-Fetch-Site cross-site', { origin: undefined, 'sec-fetch-site': 'cross-site' }], ['Referer from another site', { origin: undefined, referer: 'https://evil.example/x' }]] as const) {
        const res = await agent(w.t.app).post('/api/auth/login', { email: w.reception.email, password: w.reception.password }, { headers: { ...headers } });
        n++;
        tally.check(res.statusCode === 403, () => `${name} with ${what} and the right password: expected 403, got ${res.statusCode}`);
      }
    }
    for (const [what, call, expected] of variants) {
      // Signing in has no session yet, so no CSRF token to check: its Origin check and JSON-only body are what count.
      if (isLogin && (/CSRF/.test(what) || (route.url === '/api/auth/login' && /Origin|Sec-Fetch|Referer/.test(what)))) continue;
      const a = route.access?.kind === 'public' ? await w.session(who) : await w.session(who);
      const res = await call(a);
      n++;
      // The second-factor step refuses anyone without a pending sign-in first (401): also a refusal.
      const allowed = route.url === '/api/auth/totp' ? [...expected, 401] : expected;
      tally.check(allowed.includes(res.statusCode), () => `${name} with ${what}: expected ${expected.join('/')}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
  }
  // The public intake is the one exception: a clinic website posts to it as a form.
  const form = await w.t.app.inject({ method: 'POST', url: '/api/public/requests', headers: { host: TEST_HOST, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kind=callback&name=Form&phone=07700900123&consent=on' });
  tally.check(form.statusCode === 303, () => `the public form post answered ${form.statusCode}`);
  tally.note(`${routes.length} state-changing routes × 8 refusals = ${n} calls`);
}

async function timeouts(engine: Engine, tally: Tally) {
  // The fixtures are made under the normal configuration (setting them up can take longer than the
  // shortened limits on a busy machine); then a second app on the same database runs with the short ones.
  const testDb = await createTestDb(engine);
  const w = await buildWorld(testDb);
  const sessionOn = async (app: TestApp['app']) => {
    const client = agent(app);
    const { id, row } = await createSession(testDb.db, { staffId: w.reception.id, stage: 'active', ip: '127.0.0.1', userAgent: 'timeouts' });
    client.cookies.set('cd_session', id);
    client.cookies.set('XSRF-TOKEN', row.csrf_token);
    return client;
  };
  try {
    // Idle: 2 s without a request ends the session; a request within it keeps it.
    const idle = await createTestApp(testDb, { idleTimeoutMinutes: 2 / 60 });
    try {
      const a = await sessionOn(idle.app);
      await sleep(700);
      tally.check((await a.get('/api/auth/session')).statusCode === 200, () => 'idle timeout: the session ended before the idle time passed');
      // Sessions are touched at most once a minute; move last_seen_at as a touch would.
      await testDb.db.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).execute();
      await sleep(2300);
      const res = await a.get('/api/auth/session');
      tally.check(res.statusCode === 401 && /session_expired/.test(res.body), () => `idle timeout: after 2.3 s idle (limit 2 s) answered ${res.statusCode} ${res.body.slice(0, 120)}`);
      tally.check((await a.get('/api/auth/session')).statusCode === 401, () => 'idle timeout: the expired session came back');
    } finally {
      await idle.app.close();
    }
    // Absolute: 3 s after sign-in the session ends, however active it is.
    const absolute = await createTestApp(testDb, { absoluteTimeoutHours: 3 / 3600 });
    try {
      const a = await signIn(absolute.app, w.reception.email, w.reception.password);
      let ended = false;
      const t0 = Date.now();
      while (Date.now() - t0 < 6000) {
        const res = await a.get('/api/auth/session');
        await a.post('/api/auth/keep-alive');
        if (res.statusCode === 401) {
          ended = true;
          tally.check(Date.now() - t0 >= 2000, () => `absolute timeout: the session ended after only ${Date.now() - t0} ms`);
          break;
        }
        await sleep(300);
      }
      tally.check(ended, () => 'absolute timeout: an active session outlived its 3 s absolute limit');
    } finally {
      await absolute.app.close();
    }
  } finally {
    await w.t.app.close();
    await testDb.close();
  }
}
