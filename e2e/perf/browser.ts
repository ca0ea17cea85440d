/** Figures 2, 3, 7 and the browser half of 11: the built app in the system Chromium. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';
import { fmt, median, percentile, ROOT, type Row, type Server, type Session, signIn, sleep } from './lib';
import { DEMO_PASSWORD, MANAGER } from './seed';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

export async function signedInContext(browser: Browser, server: Server, s: Session, viewport = { width: 1366, height: 900 }, init?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const cookies = s.cookie.split('; ').map((c) => {
    const i = c.indexOf('=');
    return { name: c.slice(0, i), value: c.slice(i + 1), url: server.base };
  });
  await context.addCookies(cookies);
  if (init) await context.addInitScript(init);
  return context;
}

/** Installed before the app: first-row time, Event Timing entries, long animation frames. */
const OBSERVERS = `
  window.__bench = { firstRow: null, events: [], loafs: [] };
  new MutationObserver((_, obs) => {
    if (window.__bench.firstRow === null && document.querySelector('cd-request-row')) {
      // The frame after the row is in the DOM: it has been painted.
      requestAnimationFrame(() => { window.__bench.firstRow = performance.now(); });
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.events.push({ name: e.name, duration: e.duration, id: e.interactionId || 0 }); })
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.loafs.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

async function queueLoad(browser: Browser, server: Server, s: Session) {
  const context = await signedInContext(browser, server, s, undefined, OBSERVERS);
  const page = await context.newPage();
  await page.goto(`${server.base}/requests`);
  await page.waitForSelector('cd-request-row', { timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __bench: { firstRow: number | null } }).__bench.firstRow !== null, null, { timeout: 10_000 });
  const firstRow = await page.evaluate(() => (window as unknown as { __bench: { firstRow: number } }).__bench.firstRow);
  return { context, page, firstRow };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page.waitForSelector('mat-progress-bar.loading', { state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await sleep(300);
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await settle(page);
}

export interface QueueFigures { bigFirstRow: number[]; smallFirstRow: number[]; dom: number; slowest: { name: string; duration: number; what: string }; loafScroll: number; heap: number; notes: string[]; baselineSlowest: number; baselineLoaf: number }

export async function measureQueue(browser: Browser, big: Server, small: Server, rounds: number, log: (s: string) => void): Promise<QueueFigures> {
  const sBig = await signIn(big.base, MANAGER, DEMO_PASSWORD);
  const sSmall = await signIn(small.base, MANAGER, DEMO_PASSWORD);
  const bigFirstRow: number[] = [];
  const smallFirstRow: number[] = [];
  // Warm both servers and the browser cache-less path once.
  for (const [srv, s] of [[big, sBig], [small, sSmall]] as const) { const r = await queueLoad(browser, srv, s); await r.context.close(); }
  for (let i = 0; i < rounds; i++) {
    const a = await queueLoad(browser, big, sBig); bigFirstRow.push(a.firstRow); await a.context.close();
    const b = await queueLoad(browser, small, sSmall); smallFirstRow.push(b.firstRow); await b.context.close();
  }
  log(`queue first row: 10k ${bigFirstRow.map((x) => fmt(x, 0)).join('/')} ms; 100 ${smallFirstRow.map((x) => fmt(x, 0)).join('/')} ms`);

  const bigI = await interact(browser, big, sBig, log);
  const smallI = await interact(browser, small, sSmall, log);
  return { bigFirstRow, smallFirstRow, ...bigI, baselineSlowest: smallI.slowest.duration, baselineLoaf: smallI.loafScroll };
}

/** The same filter, search and scroll script on one queue; the slowest Event Timing entry and the longest wheel-scroll frame. */
async function interact(browser: Browser, server: Server, sBig: Session, log: (s: string) => void) {
  const { context, page } = await queueLoad(browser, server, sBig);
  await settle(page);
  const notes: string[] = [];
  const marks: { what: string; from: number }[] = [];
  const mark = async (what: string) => marks.push({ what, from: await page.evaluate(() => (window as unknown as { __bench: { events: unknown[] } }).__bench.events.length) });
  await mark('filter: priority = Routine');
  await chooseOption(page, 'Priority', 'Routine');
  await mark('filter: kind = Callback');
  await chooseOption(page, 'Kind', 'Callback');
  await mark('filter: a "show only" chip');
  await page.locator('mat-chip-option').first().click();
  await settle(page);
  await page.locator('mat-chip-option').first().click();
  await settle(page);
  await mark('filter: clear');
  const clear = page.getByRole('button', { name: /Clear filters/ });
  if (await clear.count()) { await clear.click(); await settle(page); }
  await mark('search typed');
  await page.getByRole('searchbox').or(page.locator('input[type=search]')).first().pressSequentially('Jones', { delay: 60 });
  await settle(page);
  await page.getByRole('button', { name: 'Clear search' }).click().catch(() => undefined);
  await settle(page);
  await mark('sort: newest first');
  await chooseOption(page, 'Order', 'Newest first');
  await mark('sort: back to priority');
  await chooseOption(page, 'Order', 'Priority, then due time');
  // Scroll by keyboard (Event Timing sees keydown) and by wheel (only long animation frames see it).
  await mark('scroll: j ×15 / End / PageUp keys');
  await page.locator('cd-request-row').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  for (let i = 0; i < 15; i++) { await page.keyboard.press('j'); await sleep(40); }
  await page.locator('cdk-virtual-scroll-viewport').focus().catch(() => undefined);
  await page.keyboard.press('End'); await sleep(500);
  for (let i = 0; i < 5; i++) { await page.keyboard.press('PageUp'); await sleep(150); }
  await settle(page);
  const loafFrom = await page.evaluate(() => performance.now());
  await page.locator('cdk-virtual-scroll-viewport').hover();
  for (let i = 0; i < 40; i++) { await page.mouse.wheel(0, 600); await sleep(30); }
  await settle(page);
  const data = await page.evaluate(() => (window as unknown as { __bench: { events: { name: string; duration: number }[]; loafs: { start: number; duration: number }[] } }).__bench);
  const loafScroll = Math.max(0, ...data.loafs.filter((l) => l.start >= loafFrom).map((l) => l.duration));
  let slowest = { name: 'none', duration: 0, what: '' };
  data.events.forEach((e, i) => {
    const what = [...marks].reverse().find((m) => m.from <= i)?.what ?? 'page load';
    if (what !== 'page load' && e.duration > slowest.duration) slowest = { ...e, what };
  });
  log(`queue (${server.base}) events ≥16 ms: ${data.events.length}; slowest ${slowest.name} ${slowest.duration} ms (${slowest.what}); longest frame during wheel scroll ${fmt(loafScroll, 0)} ms`);
  // Scrolled to the end, the list has loaded as many pages as it keeps: count then.
  await page.keyboard.press('End').catch(() => undefined);
  await settle(page);
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  const rows = await page.evaluate(() => document.querySelectorAll('cd-request-row').length);
  const heap = await heapMb(page);
  notes.push(`DOM counted after scrolling to the end: ${rows} rendered rows`);
  await context.close();
  return { dom, slowest, loafScroll, heap, notes };
}

export function queueRows(f: QueueFigures): Row[] {
  const ratio = median(f.bigFirstRow) / median(f.smallFirstRow);
  return [
    { n: '3a', figure: 'queue with 10,000 open requests: DOM elements', goal: '≤ 1,400', measured: String(f.dom), verdict: f.dom <= 1400 ? 'pass' : 'miss' },
    { n: '3b', figure: 'queue: time to first row painted, 10,000 vs 100 open requests', goal: '≤ 1.2×', measured: `${fmt(ratio, 2)}× (${fmt(median(f.bigFirstRow), 0)} vs ${fmt(median(f.smallFirstRow), 0)} ms from navigation)`, verdict: ratio <= 1.2 ? 'pass' : 'miss' },
    { n: '3c', figure: 'queue: slowest filter/sort/search/scroll interaction (Event Timing ≥16 ms)', goal: '≤ 100 ms', measured: `${fmt(f.slowest.duration, 0)} ms (${f.slowest.name}, ${f.slowest.what}); wheel-scroll longest frame ${fmt(f.loafScroll, 0)} ms; same script on the 100-request queue: ${fmt(f.baselineSlowest, 0)} / ${fmt(f.baselineLoaf, 0)} ms`, verdict: f.slowest.duration <= 100 && f.loafScroll <= 100 ? 'pass' : 'miss' },
    { n: '11b', figure: 'browser JS heap, queue with 10,000 open requests (after GC)', goal: 'report', measured: `${fmt(f.heap)} MB`, verdict: 'info' },
  ];
}

// ---------------------------------------------------------------------------------------------
// 7: live events, POST → row painted in a second browser

export async function measureLive(browser: Browser, server: Server, dataDir: string, centreId: string, log: (s: string) => void): Promise<Row[]> {
  const RATE = 100;
  const SECONDS = 1.5;
  const total = Math.round(RATE * SECONDS);
  const viewer = await signIn(server.base, MANAGER, DEMO_PASSWORD);
  const sender = await signIn(server.base, 'reception@demo.clinic', DEMO_PASSWORD);
  // Only the burst's rows on the list (search remembered per user), on a screen tall enough to paint them all.
  const init = `
    localStorage.setItem('cd.queue.filters.${viewer.userId}', JSON.stringify({ q: 'zzburst', kind: '', status: 'open', priority: '', mine: false, unassigned: false, overdue: false, spam: false }));
    window.__seen = {};
    const scan = () => { const t = performance.timeOrigin + performance.now();
      for (const el of document.querySelectorAll('cd-request-row[data-request-id]')) { const id = el.getAttribute('data-request-id'); if (!(id in window.__seen)) window.__seen[id] = t; } };
    new MutationObserver(() => requestAnimationFrame(scan)).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-request-id'] });
  `;
  const context = await signedInContext(browser, server, viewer, { width: 1366, height: Math.min(16000, total * 84 + 1200) }, init);
  const page = await context.newPage();
  await page.goto(`${server.base}/requests`);
  await page.waitForSelector('cd-request-row, .empty', { timeout: 30_000 });
  await settle(page);
  await sleep(1500); // the EventSource is open
  const sent = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const at = Date.now();
    pending.push(fetch(`${server.base}/api/requests`, {
      method: 'POST', headers: { ...sender.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'callback', source: 'phone', centreId, name: `Zzburst Caller ${i}`, phone: `07700 9${String(50000 + i).padStart(5, '0')}`, message: 'Stiff lower back, please call.' }),
    }).then(async (res) => {
      if (res.status === 201) sent.set(((await res.json()) as { id: string }).id, at);
    }).catch(() => undefined));
  }
  await Promise.all(pending);
  const sendSeconds = (Date.now() - t0) / 1000;
  // Wait (bounded) for every row.
  const deadline = Date.now() + 15_000;
  let seen: Record<string, number> = {};
  while (Date.now() < deadline) {
    seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
    if ([...sent.keys()].every((id) => id in seen)) break;
    await sleep(250);
  }
  await context.close();
  const latencies = [...sent.entries()].map(([id, at]) => (id in seen ? seen[id]! - at : Infinity));
  const missing = latencies.filter((l) => l === Infinity).length;
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  log(`live: ${sent.size}/${total} created in ${fmt(sendSeconds)} s, ${missing} never painted; p50 ${fmt(p50, 0)} ms, p95 ${fmt(p95, 0)} ms`);
  void dataDir;
  return [{
    n: '7', figure: `live events: POST → row painted in a second browser, burst ${RATE}/s × ${SECONDS} s`, goal: 'p95 ≤ 1 s',
    measured: `p95 ${Number.isFinite(p95) ? fmt(p95, 0) + ' ms' : 'never'} (p50 ${Number.isFinite(p50) ? fmt(p50, 0) + ' ms' : 'never'}; ${sent.size} created in ${fmt(sendSeconds)} s, ${missing} not shown within 15 s)`,
    verdict: p95 <= 1000 ? 'pass' : 'miss',
  }];
}

// ---------------------------------------------------------------------------------------------
// 2: Lighthouse 12, desktop preset, signed in through extraHeaders

export async function measureLighthouse(server: Server, urls: { name: string; path: string }[], runs: number, log: (s: string) => void): Promise<Row[]> {
  const lighthouse = (await import('lighthouse')).default;
  const desktop = (await import('lighthouse/core/config/desktop-config.js' as string)).default;
  const chromeLauncher = await import('chrome-launcher');
  const s = await signIn(server.base, MANAGER, DEMO_PASSWORD);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  const rows: Row[] = [];
  try {
    for (const u of urls) {
      const lcp: number[] = []; const cls: number[] = []; const tbt: number[] = [];
      for (let i = 0; i < runs; i++) {
        // A loaded machine sometimes loses a trace (NO_NAVSTART): try that run again, at most twice.
        let result: Awaited<ReturnType<typeof lighthouse>> | undefined;
        for (let attempt = 0; attempt < 3; attempt++) {
          result = await lighthouse(`${server.base}${u.path}`, {
            port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: s.cookie },
          }, desktop);
          if (!result?.lhr.runtimeError) break;
          log(`lighthouse ${u.name}: run ${i + 1} failed (${result.lhr.runtimeError.code}), again`);
        }
        const a = result!.lhr.audits;
        if (result!.lhr.runtimeError) throw new Error(result!.lhr.runtimeError.message);
        lcp.push(a['largest-contentful-paint']!.numericValue!);
        cls.push(a['cumulative-layout-shift']!.numericValue!);
        tbt.push(a['total-blocking-time']!.numericValue!);
        if (i === 0) log(`lighthouse ${u.name}: final URL ${result!.lhr.finalDisplayedUrl}`);
        if (i === runs - 1) {
          // Keep the last report and print where the time went (for the diagnosis in RESULTS.md).
          fs.writeFileSync(path.join(ROOT, 'e2e/perf/.out', `lighthouse-${u.name.replace(/\W+/g, '-')}.json`), result!.report as string);
          const items = (id: string) => ((a[id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []);
          const work = items('mainthread-work-breakdown').slice(0, 4).map((x) => `${x['groupLabel']} ${fmt(Number(x['duration']), 0)}`).join(', ');
          const boot = items('bootup-time').slice(0, 3).map((x) => `${String(x['url']).split('/').pop()} ${fmt(Number(x['total']), 0)}`).join(', ');
          const lcpEl = JSON.stringify(items('largest-contentful-paint-element')[0] ?? {}).slice(0, 300);
          log(`lighthouse ${u.name}: main thread ${work}; bootup ${boot}; server response ${fmt(a['server-response-time']?.numericValue ?? NaN, 0)} ms; LCP element ${lcpEl}`);
        }
      }
      const m = { lcp: median(lcp), cls: median(cls), tbt: median(tbt) };
      log(`lighthouse ${u.name}: LCP ${lcp.map((x) => fmt(x, 0)).join('/')} CLS ${cls.map((x) => fmt(x, 3)).join('/')} TBT ${tbt.map((x) => fmt(x, 0)).join('/')}`);
      rows.push({
        n: u.name.startsWith('baseline') ? '2·' : '2', figure: `Lighthouse 12 desktop, ${u.name} (median of ${runs})`, goal: 'LCP ≤ 1.5 s, CLS ≤ 0.05, TBT ≤ 100 ms',
        measured: `LCP ${fmt(m.lcp / 1000, 2)} s, CLS ${fmt(m.cls, 3)}, TBT ${fmt(m.tbt, 0)} ms`,
        verdict: u.name.startsWith('baseline') ? 'info' : m.lcp <= 1500 && m.cls <= 0.05 && m.tbt <= 100 ? 'pass' : 'miss',
      });
    }
  } finally {
    chrome.kill();
  }
  return rows;
}
