/**
 * Part 7, stored XSS: ~150 script payloads through the public form and staff text fields, then the
 * built app in Chromium (Playwright) opens the queue, a request, the patient, the visit, the handout
 * print view, analytics and the audit page. Pass: no dialog, no CSP violation, the text shows
 * literally; the shared CSV writer neutralises = + - @.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../chromium';
import { toCsv } from '../../../src/shared/csv';
import { connect } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { freePort, HttpClient, ROOT, run, startServer, stopServer } from '../lib/proc';
import { log, Tally } from '../lib/report';
import { ALL_DAY_EVERY_DAY, createCentre, createStaff, FOLLOW_UP_TYPE_ID, londonAt } from '../lib/world';

const VECTORS = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>', '<a href="javascript:alert(1)">click</a>', '<body onload=alert(1)>', '<details open ontoggle=alert(1)>',
  '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>", '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<input autofocus onfocus=alert(1)>',
  '{{constructor.constructor(\'alert(1)\')()}}', '{{$on.constructor(\'alert(1)\')()}}', '${alert(1)}', '<object data="javascript:alert(1)">', '<embed src="javascript:alert(1)">',
  '<video><source onerror=alert(1)>', '<audio src=x onerror=alert(1)>', '<marquee onstart=alert(1)>', '<div style="background:url(javascript:alert(1))">', 'javascript:alert(1)',
  '<scr<script>ipt>alert(1)</script>', '<ScRiPt>alert(1)</sCrIpT>', '%3Cscript%3Ealert(1)%3C/script%3E', '&lt;script&gt;alert(1)&lt;/script&gt;', '<img src="x" onerror="&#97;lert(1)">',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>', '<form action="javascript:alert(1)"><button>x</button></form>', '<base href="javascript:alert(1)//">',
];
const CONTEXTS = ['', 'Mary ', ' Smith', '\n', 'Back pain ', ' after lifting'];

export function payloads(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(`${CONTEXTS[i % CONTEXTS.length]}${VECTORS[i % VECTORS.length]}`.trim() + ` #${i}`);
  return out;
}

export async function xss(opts: { payloads: number }): Promise<Tally> {
  const tally = new Tally('7 stored XSS', 'sqlite');
  // CSV export (analytics): cells starting with = + - @ (and tab/CR) are neutralised.
  for (const cell of ['=1+2', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil","x")']) {
    const csv = toCsv(['a'], [[cell]]).split(/\r?\n/)[1] ?? '';
    tally.check(!/^"?[=+\-@\t\r]/.test(csv), () => `CSV cell ${JSON.stringify(cell)} written as ${JSON.stringify(csv)}`);
  }
  const staticDir = path.join(ROOT, 'dist/clinic-desk/browser');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    log('    building the Angular app (npx ng build)…');
    const built = await run('npx', ['ng', 'build'], {}, 900_000);
    if (built.code !== 0) {
      tally.fail(`ng build failed: ${built.out.slice(-500)}`);
      return tally;
    }
  }
  const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = fs.mkdtempSync(path.join(root, 'clinic-desk-xss-'));
  const setup = connect({ databaseUrl: null, dataDir });
  await migrateToLatest(setup.db);
  const centre = await createCentre(setup.db, { name: 'XSS <img src=x onerror=alert(1)> centre' });
  const manager = await createStaff(setup.db, { role: 'manager', centreIds: [centre.id] });
  const chiro = await createStaff(setup.db, { role: 'chiropractor', centreIds: [centre.id], name: 'Dr <svg onload=alert(1)>' });
  await setup.db.destroy();
  const port = freePort();
  const server = await startServer({ PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: staticDir, DATABASE_URL: '' });
  const base = `http://localhost:${port}`;
  const list = payloads(opts.payloads);
  const stored: { where: string; text: string }[] = [];
  try {
    const m = new HttpClient(base);
    await m.login(manager.email, manager.password);
    const c = new HttpClient(base);
    await c.login(chiro.email, chiro.password);
    await m.put(`/api/clinicians/${chiro.id}/hours`, { centreId: centre.id, hours: ALL_DAY_EVERY_DAY });
    // The public form: every payload as the name and the message (from many addresses is not possible over
    // one socket, so the later ones are quarantined; the first ones reach the queue).
    const requestIds: string[] = [];
    for (const [i, p] of list.entries()) {
      const res = await fetch(`${base}/api/public/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'callback', name: p.slice(0, 120), phone: '07700 900123', message: `${p} back pain`, centre: centre.id, consent: true }) });
      tally.check(res.status === 202, () => `public form with payload #${i}: ${res.status}`);
    }
    const queue = (await m.get('/api/requests?limit=100')).json();
    for (const item of queue.items ?? []) requestIds.push(item.id);
    // Staff fields: requests taken by phone, notes, patients, visits, addenda, advice, centre.
    let patientId = '';
    let visitId = '';
    for (const [i, p] of list.slice(0, 20).entries()) {
      const r = await m.post('/api/requests', { kind: 'callback', source: 'phone', name: p.slice(0, 120), phone: '07700 900123', message: p, centreId: centre.id });
      if (r.status === 201) {
        requestIds.unshift(r.json().id);
        const q = r.json();
        await m.post(`/api/requests/${q.id}/attempts`, { outcome: 'no-answer', note: p });
      }
      const pt = await m.post('/api/patients', { centreId: centre.id, givenName: p.slice(0, 60), familyName: `X${i}`, dateOfBirth: '1970-01-01', address: p, gpPractice: p });
      if (pt.status === 201 && !patientId) patientId = pt.json().id;
      if (i === 0) tally.check(pt.status === 201, () => `patient with a payload name: ${pt.status} ${pt.body.slice(0, 200)}`);
    }
    stored.push({ where: 'patient', text: list[0]!.slice(0, 60) });
    if (patientId) {
      const v = await c.post(`/api/patients/${patientId}/visits`, {});
      if (v.status === 201) {
        visitId = v.json().id;
        const visit = v.json();
        const content = { ...visit.content, soap: { subjective: list[1], objective: list[2], assessment: list[3], plan: list[4] } };
        const saved = await c.put(`/api/visits/${visitId}`, { content }, { 'if-match': `"${visit.version}"` });
        tally.check(saved.status === 200, () => `visit SOAP with payloads: ${saved.status} ${saved.body.slice(0, 200)}`);
      }
      await m.post('/api/appointments', { centreId: centre.id, clinicianId: chiro.id, patientId, typeId: FOLLOW_UP_TYPE_ID, start: londonAt(0, 23 * 60) });
    }
    const modules = (await m.get('/api/advice/modules')).json();
    const mod = await m.get(`/api/advice/modules/${modules[0].key}`);
    const { current } = mod.json();
    await m.put(`/api/advice/modules/${modules[0].key}`, { module: { ...current.module, title: list[5]!.slice(0, 80) }, active: true }, { 'if-match': `"${current.version}"` });
    let handoutId = '';
    if (visitId) {
      const signed = await c.get(`/api/visits/${visitId}`);
      const sv = await c.post(`/api/visits/${visitId}/sign`, undefined, { 'if-match': `"${signed.json().version}"` });
      if (sv.status === 200) await c.post(`/api/visits/${visitId}/addenda`, { text: list[6] });
      const draft = await c.get(`/api/visits/${visitId}/handout-draft`);
      if (draft.status === 200) {
        const issued = await c.post(`/api/visits/${visitId}/handouts`, { draft: draft.json().draft });
        if (issued.status < 300) handoutId = issued.json().id;
        else tally.note(`handout not issued (${issued.status} ${issued.body.slice(0, 120)}); the print view is opened with the id it has`);
      }
    }

    // The browser.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      for (const [who, user] of [['manager', manager], ['chiropractor', chiro]] as const) {
        const context = await browser.newContext({ baseURL: base });
        await context.addInitScript(() => {
          (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
          document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
          (window as unknown as { __xss: number }).__xss = 0;
        });
        const login = await context.request.post('/api/auth/login', { data: { email: user.email, password: user.password }, headers: { origin: base } });
        tally.check(login.status() === 200, () => `browser sign-in as ${who}: ${login.status()}`);
        const page = await context.newPage();
        let dialogs = 0;
        page.on('dialog', async (d) => { dialogs++; tally.fail(`a dialog fired (${d.type()}: ${d.message()}) on ${page.url()}`); await d.dismiss().catch(() => undefined); });
        const consoleCsp: string[] = [];
        page.on('console', (msg) => { if (/Content Security Policy|Refused to (execute|load)/i.test(msg.text())) consoleCsp.push(msg.text()); });
        const views = who === 'manager'
          ? [['queue', '/requests'], ['request', `/requests/${requestIds[0]}`], ['request 2', `/requests/${requestIds[1]}`], ['patients', '/patients'], ['patient', `/patients/${patientId}`], ['visit', `/visits/${visitId}`], ['handout print', `/handouts/${handoutId || 'x'}/print`], ['analytics', '/analytics'], ['audit', '/admin/audit'], ['centres', '/admin/centres'], ['advice library', '/advice-library'], ['diary', '/diary'], ['today', '/today']]
          : [['visit (chiropractor)', `/visits/${visitId}`], ['patient (chiropractor)', `/patients/${patientId}`], ['today (chiropractor)', '/today'], ['handout print (chiropractor)', `/handouts/${handoutId || 'x'}/print`]];
        for (const [name, url] of views) {
          const before = dialogs;
          try {
            await page.goto(url!, { waitUntil: 'networkidle', timeout: 30_000 });
          } catch (error) {
            tally.note(`${name}: ${String(error).slice(0, 120)}`);
          }
          await page.waitForTimeout(400);
          const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []).catch(() => [] as string[]);
          tally.check(dialogs === before, () => `${name} (${url}): a script from stored text ran`);
          tally.check(violations.length === 0 && consoleCsp.length === 0, () => `${name} (${url}): CSP violations: ${[...violations, ...consoleCsp].join(' | ').slice(0, 300)}`);
          consoleCsp.length = 0;
          const html = await page.evaluate(() => document.body.innerText).catch(() => '');
          const shown = list.filter((p) => html.includes(p.slice(0, 40).trim()));
          const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload], iframe, object, embed, [onerror], [onload], [onfocus], [ontoggle], a[href^="javascript:"]').length).catch(() => 0);
          tally.check(injected === 0, () => `${name} (${url}): ${injected} elements from stored text were built as HTML`);
          if (['queue', 'request', 'patient', 'visit', 'audit', 'patients'].includes(name!)) {
            tally.check(shown.length > 0 || name === 'audit', () => `${name} (${url}): no payload text shows literally (the page may not have loaded: ${html.slice(0, 160).replace(/\s+/g, ' ')})`);
          }
          tally.note(`${name}: ${shown.length} payloads shown as text`);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  tally.note(`${list.length} payloads through the public form; 20 through each staff field`);
  tally.require(list.length, opts.payloads, 'payloads');
  return tally;
}
