/**
 * Part 6, rate limits: 50 wrong passwords are stopped by the sixth; rotating X-Forwarded-For does not
 * help; the real user from another address still gets in; the public form's per-address limit holds;
 * both survive a restart (same database, new app).
 */
import { Tally } from '../lib/report';
import { agent, createCentre, createStaff, createTestApp, createTestDb, type Engine, TEST_HOST } from '../lib/world';

export async function rateLimits(engine: Engine): Promise<Tally> {
  const tally = new Tally('6 rate limits', engine);
  const testDb = await createTestDb(engine);
  let t = await createTestApp(testDb);
  const centre = await createCentre(t.db);
  const user = await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
  const victim2 = await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
  try {
    // 50 wrong passwords from one address.
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await agent(t.app, { remoteAddress: '203.0.113.7' }).post('/api/auth/login', { email: user.email, password: `wrong-${i}-Password` })).statusCode);
    const firstRefusal = statuses.indexOf(429);
    tally.check(firstRefusal >= 0 && firstRefusal <= 5 && statuses.slice(firstRefusal).every((s) => s === 429), () => `50 wrong passwords: statuses ${statuses.join(',')}`);
    const right = await agent(t.app, { remoteAddress: '203.0.113.7' }).post('/api/auth/login', { email: user.email, password: user.password });
    tally.check(right.statusCode === 429, () => `the right password from the attacking address during the lock answered ${right.statusCode}`);

    // Rotating X-Forwarded-For from one socket: the header is not trusted, so it changes nothing.
    const rotated: number[] = [];
    for (let i = 0; i < 50; i++) {
      rotated.push((await agent(t.app, { remoteAddress: '203.0.113.8' }).post('/api/auth/login', { email: victim2.email, password: `wrong-${i}-Password` }, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}`, forwarded: `for=198.51.100.${i + 1}` } })).statusCode);
    }
    const firstRotated = rotated.indexOf(429);
    tally.check(firstRotated >= 0 && firstRotated <= 5, () => `rotating X-Forwarded-For: statuses ${rotated.join(',')}`);

    // The real user, from their own address, still gets in.
    const real = await agent(t.app, { remoteAddress: '192.0.2.10' }).post('/api/auth/login', { email: user.email, password: user.password });
    tally.check(real.statusCode === 200, () => `the real user from another address answered ${real.statusCode} ${real.body.slice(0, 120)}`);
    const real2 = await agent(t.app, { remoteAddress: '192.0.2.11' }).post('/api/auth/login', { email: victim2.email, password: victim2.password });
    tally.check(real2.statusCode === 200, () => `the second real user from another address answered ${real2.statusCode}`);

    // Public form: per-address limit (quarantine after the limit, answered like any other).
    const submit = (ip: string, i: number, xff?: string) => t.app.inject({
      method: 'POST', url: '/api/public/requests', remoteAddress: ip,
      headers: { host: TEST_HOST, 'content-type': 'application/json', ...(xff && { 'x-forwarded-for': xff }) },
      payload: JSON.stringify({ kind: 'callback', name: `Flood ${ip} ${i}`, phone: '07700 900123', consent: true }),
    });
    const refs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await submit('203.0.113.20', i, `198.51.100.${i + 1}`);
      tally.check(res.statusCode === 202, () => `public form flood #${i} answered ${res.statusCode}`);
      if (res.statusCode === 202) refs.push(res.json().reference);
    }
    const rows = await t.db.selectFrom('requests').select(['reference', 'quarantined']).where('reference', 'in', refs).execute();
    const open = rows.filter((r) => Number(r.quarantined) === 0).length;
    tally.check(open <= 5 && rows.length === 12, () => `public form: ${open} of ${rows.length} submissions from one address (rotating X-Forwarded-For) reached the queue; the limit is 5`);
    const otherIp = await submit('192.0.2.30', 0);
    const otherRow = await t.db.selectFrom('requests').select('quarantined').where('reference', '=', otherIp.json().reference).executeTakeFirst();
    tally.check(Number(otherRow?.quarantined) === 0, () => 'public form: a different address was quarantined too');

    // Restart: a new app on the same database.
    await t.close();
    t = await createTestApp(testDb);
    const afterRestart = await agent(t.app, { remoteAddress: '203.0.113.7' }).post('/api/auth/login', { email: user.email, password: `wrong-again-Password` });
    tally.check(afterRestart.statusCode === 429, () => `after a restart the attacking address answered ${afterRestart.statusCode} (the lock did not survive)`);
    const formAfter = await submit('203.0.113.20', 99);
    const formRow = await t.db.selectFrom('requests').select('quarantined').where('reference', '=', formAfter.json().reference).executeTakeFirst();
    tally.check(Number(formRow?.quarantined) === 1, () => 'after a restart the flooding address reached the queue again (the form limit did not survive)');
    const realAfter = await agent(t.app, { remoteAddress: '192.0.2.12' }).post('/api/auth/login', { email: user.email, password: user.password });
    tally.check(realAfter.statusCode === 200, () => `after a restart the real user from another address answered ${realAfter.statusCode}`);
  } finally {
    await t.close();
    await testDb.close();
  }

  // Behind a proxy (TRUST_PROXY=true) every forwarded address is believed; the per-account rule is then the backstop.
  const proxied = await createTestApp(engine, { trustProxy: true });
  try {
    const centre = await createCentre(proxied.db);
    const u = await createStaff(proxied.db, { role: 'receptionist', centreIds: [centre.id] });
    const s: number[] = [];
    for (let i = 0; i < 56; i++) s.push((await agent(proxied.app, { remoteAddress: '10.0.0.1' }).post('/api/auth/login', { email: u.email, password: `wrong-${i}-Password` }, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } })).statusCode);
    const first = s.indexOf(429);
    tally.check(first >= 0 && first <= 50, () => `TRUST_PROXY=true, rotating X-Forwarded-For: the account was never locked in 56 tries (${s.join(',')})`);
    tally.note(`behind a trusted proxy with rotating forwarded addresses the account lock stops guessing at try ${first + 1} (per-account limit 50 per 15 min, 1-minute lock)`);
  } finally {
    await proxied.close();
  }
  return tally;
}
