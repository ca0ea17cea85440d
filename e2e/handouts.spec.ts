import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { emptyExam } from '../src/shared/exam/exam-model';
import { expectAccessible } from './helpers/demo';
import { centreNamed, createPatient, expectA4, flat, pdfFacts, pdfText, STAFF, staffPage, tempFile, uniqueTag } from './helpers/journeys';

/**
 * Home-advice sheets (issue 5): drafted from a visit with night calf cramp and a doctor's fluid
 * restriction, the reasons shown, one dose edited, issued; the print view on A4 through Chromium,
 * the server's PDF with the same text, and a receptionist reprinting it.
 */

interface Visit {
  id: string;
  version: number;
}

/** Words that only the left-out "Drinking enough" module prints. */
const FLUIDS_ONLY = ['Drinking enough', '2 litres', 'Make most of your drinks water', 'Pale yellow means you are drinking enough'];
const CHOSEN = ['Calf stretch at a wall', 'Calf stretch before bed', "Follow your doctor's fluid advice", 'When to get help'];
const EDITED_DOSE = 'Repeat 5 times';

function expectSheetText(text: string, patientName: string): void {
  const words = flat(text);
  expect(words).toContain(patientName);
  for (const title of CHOSEN) expect(words, title).toContain(title);
  expect(words).toContain(EDITED_DOSE);
  for (const phrase of FLUIDS_ONLY) expect(words, phrase).not.toContain(phrase);
}

test.describe('home-advice sheets', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a chiropractor drafts, edits and issues a sheet; it prints on A4 and a receptionist reprints it', async ({ browser }) => {
    const desk = await staffPage(browser, STAFF.reception);
    const chiro = await staffPage(browser, STAFF.chiro);
    try {
      const riverside = await centreNamed(desk.api, /Riverside/);
      const patient = await createPatient(desk.api, riverside.id, { givenName: 'Eluned', familyName: `Trevose${uniqueTag().toLowerCase()}` });
      const patientName = `Eluned ${patient.familyName}`;

      // The visit: night calf cramp in the left leg, and a doctor has limited the patient's fluids.
      const created = await chiro.api.post<Visit>(`/api/patients/${patient.id}/visits`, {});
      const content = emptyExam();
      content.crampProfile.sites = [{ site: 'calf', side: 'left' }];
      content.crampProfile.timing = ['night-in-bed'];
      content.crampProfile.episodesPerWeek = 4;
      content.screen.fluidRestriction = 'yes';
      const visit = await chiro.api.put<Visit>(`/api/visits/${created.id}`, { content }, created.version);

      const page = chiro.page;
      await test.step('the draft shows each module with its reason, and what was left out and why', async () => {
        await page.goto(`/handouts/new?visitId=${visit.id}`);
        await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Advice sheet\\s+for ${patientName}`) })).toBeVisible();
        const onSheet = page.getByLabel('Modules on the sheet');
        await expect(onSheet.getByRole('heading', { level: 3, name: 'Calf stretch before bed' })).toBeVisible();
        await expect(onSheet.getByText('Night calf cramp: calf stretch before bed')).toBeVisible();
        await expect(onSheet.getByRole('heading', { level: 3, name: "Follow your doctor's fluid advice" })).toBeVisible();
        await expect(onSheet.getByText(/Doctor has limited fluids/)).toBeVisible();
        await expect(onSheet.getByRole('heading', { level: 3, name: 'When to get help' })).toBeVisible();
        const leftOut = page.locator('ul.left-out li').filter({ hasText: 'Drinking enough' });
        await expect(leftOut).toBeVisible();
        await expect(leftOut).toContainText("Doctor has limited fluids: fluid module replaced by 'follow your doctor's fluid advice'");
        await expect(page.getByText(/Reading age \d+/)).toBeVisible();
        await expectAccessible(page);
      });

      await test.step('one dose changed: the wall stretch five times on each side', async () => {
        const item = page.locator('cd-sheet-item-editor').filter({ has: page.getByRole('heading', { level: 3, name: 'Calf stretch at a wall' }) });
        // Open when the draft already holds details for it (the side of the cramp), closed otherwise.
        const details = item.locator('button.details-toggle');
        if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
        await expect(details).toHaveAttribute('aria-expanded', 'true');
        await item.getByRole('spinbutton', { name: 'Repetitions' }).fill('5');
        await expect(page.getByRole('region', { name: 'Preview' })).toContainText(EDITED_DOSE);
      });

      let handoutId = '';
      await test.step('issue it: the print view opens', async () => {
        await page.getByRole('button', { name: 'Issue sheet' }).click();
        await expect(page).toHaveURL(/\/handouts\/[0-9a-f-]{36}\/print$/);
        handoutId = /\/handouts\/([0-9a-f-]{36})\/print/.exec(page.url())![1]!;
        await expect(page.locator('main.paper')).toContainText(patientName);
        await expect(page.locator('main.paper')).toContainText(EDITED_DOSE);
      });

      await test.step('the print view saved as a PDF by Chromium: A4, one or two pages, the right text', async () => {
        const file = tempFile('print-view.pdf');
        await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
        const facts = pdfFacts(file);
        expectA4(facts);
        expect(facts.pages).toBeGreaterThanOrEqual(1);
        expect(facts.pages).toBeLessThanOrEqual(2);
        const text = pdfText(file);
        expectSheetText(text, patientName);
        // No app chrome on paper.
        expect(flat(text)).not.toContain('Download PDF');
        expect(flat(text)).not.toContain('Back to patient');
      });

      await test.step('Download PDF gives the same sheet, made on the server', async () => {
        const downloaded = page.waitForEvent('download');
        await page.getByRole('link', { name: 'Download PDF' }).click();
        const download = await downloaded;
        const file = tempFile('download.pdf');
        await download.saveAs(file);
        expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
        const facts = pdfFacts(file);
        expectA4(facts);
        expect(facts.pages).toBeLessThanOrEqual(2);
        expectSheetText(pdfText(file), patientName);

        const direct = await page.request.get(`/api/handouts/${handoutId}/pdf`);
        expect(direct.status()).toBe(200);
        expect(direct.headers()['content-type']).toContain('application/pdf');
      });

      await test.step('the advice library is accessible', async () => {
        await page.goto('/advice-library');
        await expect(page.getByRole('heading', { level: 1, name: 'Advice library' })).toBeVisible();
        await expect(page.getByText('Calf stretch at a wall').first()).toBeVisible();
        await expectAccessible(page);
      });

      await test.step('a receptionist reprints the sheet from the patient record', async () => {
        const before = await desk.api.get<{ prints: number }>(`/api/handouts/${handoutId}`);
        // The browser's print dialog cannot be driven headless: count the call instead.
        await desk.page.addInitScript(() => {
          (window as unknown as { printCalls: number }).printCalls = 0;
          window.print = () => {
            (window as unknown as { printCalls: number }).printCalls++;
          };
        });
        await desk.page.goto(`/patients/${patient.id}`);
        await expect(desk.page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
        const sheets = desk.page.locator('ul.sheets li').filter({ hasText: 'Calf stretch at a wall' });
        await expect(sheets).toHaveCount(1);
        await sheets.getByRole('link', { name: /^Print the sheet of/ }).click();
        await expect(desk.page).toHaveURL(new RegExp(`/handouts/${handoutId}/print$`));
        await expect(desk.page.locator('main.paper')).toContainText(patientName);
        await desk.page.getByRole('button', { name: 'Print' }).click();
        await expect.poll(() => desk.page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
        await expect.poll(async () => (await desk.api.get<{ prints: number }>(`/api/handouts/${handoutId}`)).prints).toBe(before.prints + 1);
        // Receptionists reprint but never author.
        const refused = await desk.api.raw('GET', `/api/visits/${visit.id}/handout-draft`);
        expect(refused.status()).toBe(403);
      });
    } finally {
      await desk.context.close();
      await chiro.context.close();
    }
  });
});
