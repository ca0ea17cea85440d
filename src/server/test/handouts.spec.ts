import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MODULES, MODULE_KEYS, type AdviceModule, type SheetDraft } from '../../shared/advice';
import type { AdviceModuleEntry, HandoutDraftDto, HandoutDto } from '../../shared/api/handouts';
import type { VisitDto } from '../../shared/api/visits';
import { emptyExam } from '../../shared/exam';
import { createCentre, createPatient, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp } from './helpers/test-app';


function pdfText(pdf: Buffer): { text: string; pages: number; size: string } {
  const file = path.join(os.tmpdir(), `handout-${randomUUID()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), size: /Page size:\s+([^\n]+)/.exec(info)?.[1] ?? '' };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

for (const engine of ENGINES) {
  describe(`advice library and issued sheets (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let patientId: string;
    let chiro: Awaited<ReturnType<typeof signIn>>;
    let reception: Awaited<ReturnType<typeof signIn>>;
    let manager: Awaited<ReturnType<typeof signIn>>;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      patientId = await createPatient(t.db, centreId, { givenName: 'Margaret', familyName: 'Oyelaran' });
      const c = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId] });
      const r = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
      const m = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      chiro = await signIn(t.app, c.email, c.password);
      reception = await signIn(t.app, r.email, r.password);
      manager = await signIn(t.app, m.email, m.password);
    });
    afterAll(async () => t.close());

    /** A visit with night calf cramp in the left leg and a doctor's fluid restriction. */
    async function nightCrampVisit(forPatient = patientId): Promise<VisitDto> {
      const created = (await chiro.post(`/api/patients/${forPatient}/visits`, {})).json() as VisitDto;
      const content = emptyExam();
      content.crampProfile.sites = [{ site: 'calf', side: 'left' }];
      content.crampProfile.timing = ['night-in-bed'];
      content.crampProfile.episodesPerWeek = 4;
      content.screen.fluidRestriction = 'yes';
      const saved = await chiro.put(`/api/visits/${created.id}`, { content }, ifMatch(created.version));
      expect(saved.statusCode).withContext(saved.body).toBe(200);
      return saved.json() as VisitDto;
    }

    it('ships the default library, every module at a reading age of 11 or under', async () => {
      const response = await manager.get('/api/advice/modules');
      expect(response.statusCode).toBe(200);
      const library = response.json() as AdviceModuleEntry[];
      expect(library.map((m) => m.key).sort()).toEqual(DEFAULT_MODULES.map((m) => m.key).sort());
      for (const entry of library) expect(entry.readingAge).withContext(entry.key).toBeLessThanOrEqual(11);
    });

    it('keeps every version when a manager edits a module, and needs the version being edited', async () => {
      const { current } = (await manager.get(`/api/advice/modules/${MODULE_KEYS.salt}`)).json() as { current: AdviceModuleEntry };
      const edited = { ...(current.module as AdviceModule), title: 'Salt and cramp' };
      expect((await manager.put(`/api/advice/modules/${MODULE_KEYS.salt}`, { module: edited, active: true })).statusCode).toBe(428);
      const saved = await manager.put(`/api/advice/modules/${MODULE_KEYS.salt}`, { module: edited, active: true }, ifMatch(current.version));
      expect(saved.statusCode).withContext(saved.body).toBe(200);
      expect((saved.json() as AdviceModuleEntry).versionNo).toBe(current.versionNo + 1);
      const stale = await manager.put(`/api/advice/modules/${MODULE_KEYS.salt}`, { module: edited, active: true }, ifMatch(current.version));
      expect(stale.statusCode).toBe(412);
      const { versions } = (await manager.get(`/api/advice/modules/${MODULE_KEYS.salt}`)).json() as { versions: unknown[] };
      expect(versions.length).toBe(2);
    });

    it('refuses an invalid module with field messages; chiropractors and receptionists cannot edit', async () => {
      const bad = await manager.post('/api/advice/modules', { module: { key: 'Bad Key', title: '' }, active: true });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toBeDefined();
      expect((await chiro.post('/api/advice/modules', { module: DEFAULT_MODULES[0], active: true })).statusCode).toBe(403);
      expect((await reception.get('/api/advice/modules')).statusCode).toBe(403);
    });

    it('drafts from the findings with reasons and leaves out fluids for a fluid restriction', async () => {
      const visit = await nightCrampVisit();
      const response = await chiro.get(`/api/visits/${visit.id}/handout-draft`);
      expect(response.statusCode).toBe(200);
      const { draft } = response.json() as HandoutDraftDto & { draft: SheetDraft };
      const keys = draft.items.map((i) => i.moduleKey);
      expect(keys).toContain(MODULE_KEYS.beforeBed);
      expect(keys).toContain(MODULE_KEYS.fluidsDoctorAdvice);
      expect(keys).not.toContain(MODULE_KEYS.fluids);
      expect(keys.at(-1)).toBe(MODULE_KEYS.whenToGetHelp);
      expect(draft.leftOut.find((l) => l.moduleKey === MODULE_KEYS.fluids)?.reason).toBeTruthy();
      for (const item of draft.items) expect(item.reason.length).toBeGreaterThan(5);
    });

    it('issues an unchangeable snapshot: reprints match even after the library changes', async () => {
      const visit = await nightCrampVisit();
      const { draft } = (await chiro.get(`/api/visits/${visit.id}/handout-draft`)).json() as { draft: SheetDraft };
      draft.personal[MODULE_KEYS.calfStretchWall] = { side: 'left', holdSeconds: 40, note: 'Keep your back heel on the floor.' };
      if (!draft.items.some((i) => i.moduleKey === MODULE_KEYS.calfStretchWall)) {
        draft.items.unshift({ moduleKey: MODULE_KEYS.calfStretchWall, reason: 'Added by the clinician' });
      }
      const issued = await chiro.post(`/api/visits/${visit.id}/handouts`, { draft });
      expect(issued.statusCode).withContext(issued.body).toBe(201);
      const handout = issued.json() as HandoutDto;
      expect(handout.text).toContain('Hold for 40 seconds each time.');
      expect(handout.text).toContain('Keep your back heel on the floor.');
      expect(handout.header.patientName).toBe('Margaret Oyelaran');

      const { current } = (await manager.get(`/api/advice/modules/${MODULE_KEYS.calfStretchWall}`)).json() as { current: AdviceModuleEntry };
      const changed = { ...(current.module as AdviceModule), title: 'A different title now' };
      expect((await manager.put(`/api/advice/modules/${MODULE_KEYS.calfStretchWall}`, { module: changed, active: true }, ifMatch(current.version))).statusCode).toBe(200);

      const reprint = (await reception.get(`/api/handouts/${handout.id}`)).json() as HandoutDto;
      expect(reprint.text).toBe(handout.text);
      expect(reprint.contentHash).toBe(handout.contentHash);
      await expectAsync(t.db.updateTable('handouts').set({ rendered_text: 'tampered' }).where('id', '=', handout.id).execute()).toBeRejected();
    });

    it('lets a receptionist list and reprint but not draft or issue, and audits prints and downloads', async () => {
      const visit = await nightCrampVisit();
      const { draft } = (await chiro.get(`/api/visits/${visit.id}/handout-draft`)).json() as { draft: SheetDraft };
      const handout = (await chiro.post(`/api/visits/${visit.id}/handouts`, { draft })).json() as HandoutDto;
      expect((await reception.get(`/api/visits/${visit.id}/handout-draft`)).statusCode).toBe(403);
      expect((await reception.post(`/api/visits/${visit.id}/handouts`, { draft })).statusCode).toBe(403);
      const list = await reception.get(`/api/patients/${patientId}/handouts`);
      expect((list.json() as { id: string }[]).some((h) => h.id === handout.id)).toBeTrue();
      expect((await reception.post(`/api/handouts/${handout.id}/prints`, { kind: 'print' })).statusCode).toBe(201);
      const pdf = await reception.get(`/api/handouts/${handout.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const actions = (await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', handout.id).execute()).map((a) => a.action);
      expect(actions).toEqual(['handout.issued', 'handout.printed', 'handout.downloaded']);
    });

    (hasPoppler ? it : xit)('renders an A4 PDF of one or two pages holding the chosen modules and not the excluded one', async () => {
      const visit = await nightCrampVisit();
      const { draft } = (await chiro.get(`/api/visits/${visit.id}/handout-draft`)).json() as { draft: SheetDraft };
      const handout = (await chiro.post(`/api/visits/${visit.id}/handouts`, { draft })).json() as HandoutDto;
      const response = await chiro.get(`/api/handouts/${handout.id}/pdf`);
      const { text, pages, size } = pdfText(response.rawPayload);
      expect(size).toContain('595.28 x 841.89');
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Margaret Oyelaran');
      for (const item of handout.items) expect(flat).withContext(item.moduleKey).toContain((item.module as AdviceModule).title);
      const fluids = DEFAULT_MODULES.find((m) => m.key === MODULE_KEYS.fluids)!;
      expect(flat).not.toContain(fluids.title);
      expect(flat).toContain(`Page 1 of ${pages}`);
    });

    (hasPoppler ? it : xit)('sets large print at 16 pt or more for a patient who needs it', async () => {
      const largePrintPatient = await createPatient(t.db, centreId, { givenName: 'Margaret', familyName: 'Oyelaran', communicationNeeds: { largePrint: true, language: null, other: null } });
      const visit = await nightCrampVisit(largePrintPatient);
      const draftResponse = (await chiro.get(`/api/visits/${visit.id}/handout-draft`)).json() as HandoutDraftDto & { draft: SheetDraft };
      expect(draftResponse.largePrint).toBeTrue();
      const handout = (await chiro.post(`/api/visits/${visit.id}/handouts`, { draft: draftResponse.draft })).json() as HandoutDto;
      expect(handout.largePrint).toBeTrue();
      const pdf = (await chiro.get(`/api/handouts/${handout.id}/pdf`)).rawPayload;
      const file = path.join(os.tmpdir(), `lp-${randomUUID()}.pdf`);
      fs.writeFileSync(file, pdf);
      const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
      fs.rmSync(file);
      // Word boxes are about 1.17 × the font size tall for Roboto; 16 pt text gives boxes of 18 pt or more.
      const heights = [...bbox.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
      const bodyHeights = heights.sort((a, b) => a - b);
      const median = bodyHeights[Math.floor(bodyHeights.length / 2)]!;
      expect(median).toBeGreaterThanOrEqual(18);
    });
  });
}
