import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIResponse, type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { signIn } from './demo';

/** Every demo account, by the role it plays in the journeys. */
export const STAFF = {
  reception: 'reception@demo.clinic', // Sam Patel, both centres
  reception2: 'reception2@demo.clinic', // Jo Evans, Riverside
  reception3: 'reception3@demo.clinic', // Priya Shah, Hillview (the foundation spec turns on two-factor for this one)
  chiro: 'chiro@demo.clinic', // Dr Alex Morgan, both centres
  chiro2: 'chiro2@demo.clinic', // Dr Rhian Clarke, Riverside
  chiro3: 'chiro3@demo.clinic', // Dr Tom Baker, Hillview
  manager: 'manager@demo.clinic',
} as const;

/** A short tag that makes the names a run creates its own, so nothing depends on demo rows. */
export function uniqueTag(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let n = Date.now() + Math.floor(Math.random() * 1e6);
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  }
  return out[0]!.toUpperCase() + out.slice(1);
}

const phonesGiven = new Set<string>();

/**
 * A UK mobile in the Ofcom drama range that no other call in this test process has been given:
 * two random draws once collided, and "correcting" a number to itself rightly changes nothing.
 */
export function uniquePhone(): string {
  let phone: string;
  do phone = `07700 901${String(Math.floor(Math.random() * 900) + 100)}`;
  while (phonesGiven.has(phone));
  phonesGiven.add(phone);
  return phone;
}

/**
 * The JSON API as the signed-in browser sees it: page.request shares the context's cookies, and
 * state-changing calls carry the XSRF token the server set as a cookie.
 */
export class Api {
  constructor(private readonly page: Page) {}

  private async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const cookies = await this.page.context().cookies();
    const xsrf = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    return { 'X-XSRF-TOKEN': xsrf, ...extra };
  }

  async get<T = unknown>(url: string): Promise<T> {
    const response = await this.page.request.get(url);
    expect(response.status(), `GET ${url}: ${await response.text()}`).toBe(200);
    return (await response.json()) as T;
  }

  async raw(method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown, extra: Record<string, string> = {}): Promise<APIResponse> {
    return this.page.request.fetch(url, { method, headers: await this.headers(extra), ...(data !== undefined && { data }) });
  }

  async post<T = unknown>(url: string, data: unknown = {}, version?: number): Promise<T> {
    const extra: Record<string, string> = version !== undefined ? { 'If-Match': `"${version}"` } : {};
    const response = await this.raw('POST', url, data, extra);
    expect(response.ok(), `POST ${url} → ${response.status()}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async put<T = unknown>(url: string, data: unknown, version: number): Promise<T> {
    const response = await this.raw('PUT', url, data, { 'If-Match': `"${version}"` });
    expect(response.ok(), `PUT ${url} → ${response.status()}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }
}

/** A second (or third) person at another desk: their own browser context, signed in. */
export async function staffPage(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page; api: Api }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page, api: new Api(page) };
}

export interface CentreRef {
  id: string;
  name: string;
}

export async function centres(api: Api): Promise<CentreRef[]> {
  const session = await api.get<{ user: { centres: CentreRef[] } }>('/api/auth/session');
  return session.user.centres;
}

export async function centreNamed(api: Api, name: RegExp): Promise<CentreRef> {
  const list = await centres(api);
  const centre = list.find((c) => name.test(c.name));
  expect(centre, `a centre matching ${name} among ${list.map((c) => c.name).join(', ')}`).toBeTruthy();
  return centre!;
}

export interface PatientRef {
  id: string;
  givenName: string;
  familyName: string;
  version: number;
}

/** A new patient of our own, made through the API by whoever is signed in on this page. */
export async function createPatient(
  api: Api,
  centreId: string,
  fields: Partial<{ givenName: string; familyName: string; dateOfBirth: string; phone: string; email: string }> = {},
): Promise<PatientRef> {
  const tag = uniqueTag();
  return api.post<PatientRef>('/api/patients', {
    givenName: fields.givenName ?? 'Morwenna',
    familyName: fields.familyName ?? `Test${tag.toLowerCase()}`,
    dateOfBirth: fields.dateOfBirth ?? '1968-04-17',
    centreId,
    phone: fields.phone ?? uniquePhone(),
    email: fields.email ?? `${tag.toLowerCase()}@example.com`,
    contactConsent: true,
  });
}

/** Chooses an option of a Material select, found by its label. */
export async function choose(page: Page, scope: Page | Locator, label: string | RegExp, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(page.locator('.mat-mdc-select-panel')).toHaveCount(0);
}

/** Text of a PDF file (poppler's pdftotext, -layout off so words stay in reading order). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export interface PdfFacts {
  pages: number;
  /** Page size in PostScript points, first page. */
  width: number;
  height: number;
}

/** Page count and size from pdfinfo (poppler). */
export function pdfFacts(file: string): PdfFacts {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** A4 is 595.28 × 841.89 points; allow a point of rounding. */
export function expectA4(facts: PdfFacts): void {
  expect(Math.abs(facts.width - 595.28), `width ${facts.width}pt`).toBeLessThan(1.5);
  expect(Math.abs(facts.height - 841.89), `height ${facts.height}pt`).toBeLessThan(1.5);
}

export function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-desk-e2e-files-'));
  return path.join(dir, name);
}

/** Words collapsed to single spaces, so a line break in a PDF does not split a phrase. */
export function flat(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
}
