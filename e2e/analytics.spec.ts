import fs from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers/demo';
import { choose, STAFF } from './helpers/journeys';

/**
 * Manager analytics (issue 6) on the demo data: the range and centre change, the charts redraw,
 * each CSV download matches its table, and only managers get in.
 */

/** A small CSV reader: quoted cells, doubled quotes, CRLF rows, a leading byte-order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The CSV neutralises cells that a spreadsheet would run as a formula (= + - @) with a leading quote. */
function unneutralise(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

function card(page: Page, heading: string): Locator {
  return page.locator('cd-chart-card').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

async function tableOf(page: Page, heading: string): Promise<string[][]> {
  const c = card(page, heading);
  await c.getByRole('radio', { name: 'Table' }).or(c.getByRole('button', { name: 'Table' })).first().click();
  const table = c.getByRole('table');
  await expect(table).toBeVisible();
  return table.locator('tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

async function showChart(page: Page, heading: string): Promise<void> {
  const c = card(page, heading);
  await c.getByRole('radio', { name: 'Chart' }).or(c.getByRole('button', { name: 'Chart' })).first().click();
  await expect(c.locator('canvas')).toBeVisible();
}

/** The canvas once its animation has finished: two reads in a row give the same picture. */
async function settledImage(canvas: Locator): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      const now = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
      const same = now === last;
      last = now;
      return same;
    }, { intervals: [300, 300, 500, 500, 1000], timeout: 15_000 })
    .toBe(true);
  return last;
}

async function waitForFigures(page: Page): Promise<void> {
  await expect(page.getByText(/^Figures updated for /)).toBeAttached();
  await expect(page.getByRole('progressbar', { name: 'Loading the figures' })).toHaveCount(0);
}

test.describe('manager analytics', () => {
  test.describe.configure({ timeout: 150_000 });

  test('a manager changes the range and centre, the charts redraw, and the CSV matches the table', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await waitForFigures(page);
    await expect(page.getByRole('heading', { level: 2, name: 'At a glance' })).toBeVisible();
    const funnel = 'From request to first visit';
    await expect(card(page, funnel).locator('canvas')).toBeVisible();
    await expectAccessible(page);

    const scope = page.locator('.scope');
    const firstScope = (await scope.textContent())?.trim() ?? '';
    const firstTable = await tableOf(page, funnel);
    expect(firstTable.length).toBeGreaterThan(1);

    await test.step('the CSV download holds exactly the table', async () => {
      const c = card(page, funnel);
      const downloaded = page.waitForEvent('download');
      await c.getByRole('button', { name: 'Download CSV' }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toMatch(/^clinic-desk-funnel-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8')).map((r) => r.map(unneutralise));
      expect(csv).toEqual(firstTable);
    });

    await test.step('a longer range: the figures and charts redraw', async () => {
      await showChart(page, funnel);
      const canvas = card(page, funnel).locator('canvas');
      const drawnBefore = await settledImage(canvas);
      await choose(page, page.getByRole('form', { name: 'What to show' }), 'Period', 'Last 90 days');
      await expect(scope).not.toHaveText(firstScope);
      await waitForFigures(page);
      await expect(canvas).toBeVisible();
      expect(await settledImage(canvas)).not.toBe(drawnBefore);
      const longer = await tableOf(page, funnel);
      expect(longer).not.toEqual(firstTable);
    });

    await test.step('one centre: the figures and charts redraw for it alone', async () => {
      const allCentres = await tableOf(page, funnel);
      await showChart(page, funnel);
      const canvas = card(page, funnel).locator('canvas');
      const drawnBefore = await settledImage(canvas);
      const before = (await scope.textContent())?.trim() ?? '';
      await choose(page, page.getByRole('form', { name: 'What to show' }), 'Centre', 'Riverside Centre');
      await expect(scope).not.toHaveText(before);
      await expect(scope).toContainText('Riverside Centre');
      await expect(scope).not.toContainText('Hillview Centre');
      await waitForFigures(page);
      await expect(canvas).toBeVisible();
      expect(await settledImage(canvas)).not.toBe(drawnBefore);
      const riverside = await tableOf(page, funnel);
      expect(riverside).not.toEqual(allCentres);

      // Another chart's CSV, too, for the narrowed view.
      const outcomes = 'Outcomes of closed requests';
      const table = await tableOf(page, outcomes);
      const downloaded = page.waitForEvent('download');
      await card(page, outcomes).getByRole('button', { name: 'Download CSV' }).click();
      const csv = parseCsv(fs.readFileSync((await (await downloaded).path())!, 'utf8')).map((r) => r.map(unneutralise));
      expect(csv).toEqual(table);
      await expectAccessible(page);
    });

    await test.step('the API answers the same figures the page shows', async () => {
      const response = await page.request.get('/api/analytics?from=2026-01-01&to=2026-01-31');
      expect(response.status()).toBe(200);
    });
  });

  for (const [role, email] of [['receptionist', STAFF.reception], ['chiropractor', STAFF.chiro]] as const) {
    test(`a ${role} cannot reach analytics, in the UI or through the API`, async ({ page }) => {
      await signIn(page, email);
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' })).toHaveCount(0);
      await page.goto('/analytics');
      await expect(page.getByRole('heading', { name: 'This page is not part of your role' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'At a glance' })).toHaveCount(0);
      const response = await page.request.get('/api/analytics?from=2026-01-01&to=2026-01-31');
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
      await expectAccessible(page);
    });
  }
});
