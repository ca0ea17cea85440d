import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { emptyExam } from '../src/shared/exam/exam-model';
import { expectAccessible } from './helpers/demo';
import { type Api, centreNamed, choose, createPatient, type PatientRef, STAFF, staffPage, uniqueTag } from './helpers/journeys';

/**
 * Functional exams (issue 4): a chiropractor records one finding of each type and outcome scores,
 * signs and locks the visit, adds an addendum; a second visit shows on the progress chart; a
 * receptionist cannot open the visit; a draft survives the network dropping and a reload.
 */

interface Visit {
  id: string;
  version: number;
  status: 'draft' | 'signed';
  patientId: string;
}

const FINDINGS: { type: string; region: string; side: string }[] = [
  { type: 'Muscle imbalance', region: 'Leg (lower limb)', side: 'Left' },
  { type: 'Facet joint sprain or dysfunction', region: 'Low back (lumbar)', side: 'Right' },
  { type: 'Disc irritation (suspected nerve root)', region: 'Low back (lumbar)', side: 'Left' },
  { type: 'Spasm of the muscles beside the spine (paraspinal)', region: 'Low back (lumbar)', side: 'Both sides' },
  { type: 'Cramp episode', region: 'Leg (lower limb)', side: 'Left' },
];

function saveStatus(page: Page) {
  return page.getByRole('navigation', { name: 'Parts of the exam' }).getByRole('status');
}

/** A 0–10 button in one of the outcome scales (the group's heading names it). */
function scaleButton(page: Page, titleId: string, value: number) {
  return page.locator('section.measure', { has: page.locator(`#${titleId}`) }).locator('mat-button-toggle').filter({ hasText: new RegExp(`^\\s*${value}\\s*$`) }).first();
}

/** A second signed visit straight through the API: NPRS 3 (down from 7), the same Bournemouth version. */
async function signedFollowUp(api: Api, patientId: string): Promise<Visit> {
  const created = await api.post<Visit>(`/api/patients/${patientId}/visits`, {});
  const content = emptyExam();
  content.outcomes.nprs = 3;
  content.outcomes.bournemouth.version = 'back';
  content.outcomes.bournemouth.items = [2, 2, 2, 2, 2, 2, 2];
  const saved = await api.put<Visit>(`/api/visits/${created.id}`, { content }, created.version);
  return api.post<Visit>(`/api/visits/${created.id}/sign`, {}, saved.version);
}

test.describe('functional exams', () => {
  test.describe.configure({ timeout: 180_000 });

  let patient: PatientRef;
  let chiroContext: BrowserContext | undefined;

  test.beforeEach(async ({ browser }) => {
    const desk = await staffPage(browser, STAFF.reception);
    try {
      const riverside = await centreNamed(desk.api, /Riverside/);
      patient = await createPatient(desk.api, riverside.id, { givenName: 'Tamsin', familyName: `Gorran${uniqueTag().toLowerCase()}` });
    } finally {
      await desk.context.close();
    }
  });

  test.afterEach(async () => {
    await chiroContext?.close();
    chiroContext = undefined;
  });

  test('a chiropractor records, signs and locks a visit, adds an addendum, and sees progress', async ({ browser }) => {
    const chiro = await staffPage(browser, STAFF.chiro);
    chiroContext = chiro.context;
    const { page, api } = chiro;
    const fullName = `Tamsin ${patient.familyName}`;

    await test.step('start a visit from the patient record', async () => {
      await page.goto(`/patients/${patient.id}`);
      await expect(page.getByRole('heading', { level: 1, name: fullName })).toBeVisible();
      await page.getByRole('link', { name: 'New visit', exact: true }).click();
      await expect(page).toHaveURL(/\/visits\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(fullName) })).toBeVisible();
      await expect(saveStatus(page)).toContainText('Saved');
    });

    await test.step('one finding of each type', async () => {
      const findings = page.locator('#findings');
      for (const [i, f] of FINDINGS.entries()) {
        await findings.getByRole('button', { name: 'Add finding' }).click();
        await page.getByRole('menuitem', { name: f.type }).click();
        const row = findings.getByRole('group', { name: `Finding ${i + 1}` });
        await expect(row).toBeVisible();
        await choose(page, row, 'Region', f.region);
        await choose(page, row, 'Side', f.side);
      }
      await expect(findings.getByRole('group', { name: /^Finding \d$/ })).toHaveCount(FINDINGS.length);
    });

    await test.step('outcome scores: pain 7, Bournemouth (back) 5 on every item', async () => {
      const outcomes = page.locator('#outcomes');
      await scaleButton(page, 'nprs-title', 7).click();
      await expect(outcomes.locator('#nprs-title')).toContainText('7/10');
      await outcomes.locator('section.measure', { has: page.locator('#bq-title') }).locator('mat-button-toggle').filter({ hasText: /^\s*Back/ }).first().click();
      const items = outcomes.locator('ol.items > li');
      await expect(items).toHaveCount(7);
      for (let i = 0; i < 7; i++) {
        await items.nth(i).locator('mat-button-toggle').filter({ hasText: /^\s*5\s*$/ }).click();
      }
      await expect(outcomes.locator('#bq-title')).toContainText('35/70');
    });

    await test.step('the form is accessible', async () => {
      await expect(saveStatus(page)).toContainText(/^\s*\S*\s*Saved/, { timeout: 15_000 });
      await expectAccessible(page);
    });

    const visitId = page.url().split('/').pop()!;
    await test.step('sign and lock', async () => {
      const sign = page.locator('#sign');
      await expect(sign.getByText('Nothing blocks signing.')).toBeVisible();
      await sign.getByRole('button', { name: 'Sign and lock' }).click();
      await expect(sign.getByText(/Signed by\s+Dr Alex Morgan/)).toBeVisible();
      await expect(saveStatus(page)).toContainText('Signed and locked');
    });

    await test.step('a signed visit cannot be edited, in the form or through the API', async () => {
      await expect(page.locator('#findings').getByRole('button', { name: 'Add finding' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: /Remove finding/ })).toHaveCount(0);
      await expect(page.getByRole('textbox', { name: /Subjective/ })).toBeDisabled();
      const visit = await api.get<Visit & { content: unknown }>(`/api/visits/${visitId}`);
      expect(visit.status).toBe('signed');
      const refused = await api.raw('PUT', `/api/visits/${visitId}`, { content: emptyExam() }, { 'If-Match': `"${visit.version}"` });
      expect(refused.status()).toBe(409);
      expect((await refused.json()).error.code).toBe('visit_signed');
    });

    await test.step('an addendum keeps the original and adds author and time', async () => {
      const addenda = page.locator('#addenda');
      await addenda.getByRole('textbox', { name: 'Add addendum' }).fill('Patient phoned: pain eased after the visit.');
      await addenda.getByRole('button', { name: 'Add addendum' }).click();
      await expect(addenda.locator('ol.addenda li')).toHaveCount(1);
      await expect(addenda.locator('ol.addenda li')).toContainText('Dr Alex Morgan');
      await expect(addenda.locator('ol.addenda li')).toContainText('Patient phoned: pain eased after the visit.');
      await page.reload();
      await expect(page.locator('#addenda ol.addenda li')).toContainText('Patient phoned: pain eased after the visit.');
    });

    await test.step('a second visit shows the change on the progress page', async () => {
      await signedFollowUp(api, patient.id);
      await page.goto(`/visits/progress/${patient.id}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Progress across visits' })).toBeVisible();
      await expect(page.getByText(/^\s*2 visits\./)).toBeVisible();
      const pain = page.locator('section.card', { has: page.getByRole('heading', { level: 2, name: /Pain/ }) });
      await expect(pain.locator('canvas')).toBeVisible();
      await pain.getByText('Table of these numbers').click();
      const rows = pain.getByRole('table').getByRole('row');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toContainText('7');
      await expect(rows.nth(2)).toContainText('3');
      await expect(rows.nth(2)).toContainText(/[-\u2212]4/); // a true minus sign
      await expect(page.getByRole('heading', { name: 'Findings over time' })).toBeVisible();
      await expectAccessible(page);
    });
  });

  test('a receptionist cannot open a visit, in the UI or through the API', async ({ browser }) => {
    const chiro = await staffPage(browser, STAFF.chiro);
    chiroContext = chiro.context;
    const visit = await chiro.api.post<Visit>(`/api/patients/${patient.id}/visits`, {});

    const sam = await staffPage(browser, STAFF.reception);
    try {
      const response = await sam.page.request.get(`/api/visits/${visit.id}`);
      expect(response.status()).toBe(403);
      const body = await response.text();
      expect(body).not.toContain('findings');
      expect(body).not.toContain('soap');

      await sam.page.goto(`/visits/${visit.id}`);
      await expect(sam.page.getByRole('heading', { name: 'This page is not part of your role' })).toBeVisible();
      await expect(sam.page.getByRole('heading', { name: 'SOAP notes' })).toHaveCount(0);

      // The patient page says a visit happened, and no more.
      await sam.page.goto(`/patients/${patient.id}`);
      await expect(sam.page.getByRole('heading', { level: 1, name: `Tamsin ${patient.familyName}` })).toBeVisible();
      await expect(sam.page.getByRole('link', { name: 'New visit', exact: true })).toHaveCount(0);
    } finally {
      await sam.context.close();
    }
  });

  test('a draft survives the network dropping and a reload', async ({ browser }) => {
    const chiro = await staffPage(browser, STAFF.chiro);
    chiroContext = chiro.context;
    const { page, api, context } = chiro;
    // Leaving with unsent changes asks first (beforeunload): the reloads below mean to leave.
    page.on('dialog', (dialog) => void dialog.accept());
    const visit = await api.post<Visit>(`/api/patients/${patient.id}/visits`, {});
    await page.goto(`/visits/${visit.id}`);
    const subjective = page.getByRole('textbox', { name: /Subjective/ });
    await expect(subjective).toBeEditable();
    await expect(saveStatus(page)).toContainText('Saved');

    const note = 'Night cramps in the left calf, three times this week; worse after long drives.';
    await test.step('typed while offline: kept on this computer', async () => {
      await context.setOffline(true);
      await subjective.fill(note);
      await expect(saveStatus(page)).toContainText('Offline – kept on this computer', { timeout: 15_000 });
    });

    await test.step('back online: sent by itself', async () => {
      await context.setOffline(false);
      await expect(saveStatus(page)).toContainText(/Saved/, { timeout: 20_000 });
      await expect.poll(async () => {
        const saved = await api.get<{ content: { soap: { subjective: string } } }>(`/api/visits/${visit.id}`);
        return saved.content.soap.subjective;
      }, { timeout: 10_000 }).toBe(note);
    });

    await test.step('and after a reload it is still there', async () => {
      await page.reload();
      await expect(page.getByRole('textbox', { name: /Subjective/ })).toHaveValue(note);
    });

    await test.step('typed offline then reloaded once the network is back: nothing lost', async () => {
      const more = `${note} Also tingling in the toes.`;
      await context.setOffline(true);
      await page.getByRole('textbox', { name: /Subjective/ }).fill(more);
      await expect(saveStatus(page)).toContainText('Offline – kept on this computer', { timeout: 15_000 });
      await context.setOffline(false);
      // Reload at once: whether or not the save went out, the draft kept in the browser comes back.
      await page.reload();
      await expect(page.getByRole('textbox', { name: /Subjective/ })).toHaveValue(more);
      await expect(saveStatus(page)).toContainText(/Saved/, { timeout: 20_000 });
      await expect.poll(async () => {
        const saved = await api.get<{ content: { soap: { subjective: string } } }>(`/api/visits/${visit.id}`);
        return saved.content.soap.subjective;
      }, { timeout: 10_000 }).toBe(more);
    });
  });
});
