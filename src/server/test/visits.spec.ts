import { emptyExam, emptyFinding, FINDING_TYPES, type ExamContent } from '../../shared/exam';
import { exampleExam } from '../../shared/exam/exam-example';
import type { VisitDto } from '../../shared/api/visits';
import { groupCommitStats } from '../db/group-commit';
import { verifyAuditChain } from '../db/repositories/audit';
import { findVisit, saveVisitContent } from '../db/repositories/visits';
import { createCentre, createPatient, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp } from './helpers/test-app';


for (const engine of ENGINES) {
  describe(`visits and the exam (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let otherCentreId: string;
    let patientId: string;
    let otherPatientId: string;
    let chiroId: string;
    let chiro: Awaited<ReturnType<typeof signIn>>;
    let reception: Awaited<ReturnType<typeof signIn>>;
    let manager: Awaited<ReturnType<typeof signIn>>;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      otherCentreId = (await createCentre(t.db)).id;
      patientId = await createPatient(t.db, centreId);
      otherPatientId = await createPatient(t.db, otherCentreId, { givenName: 'Grace' });
      const c = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId] });
      const r = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
      const m = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      chiroId = c.id;
      chiro = await signIn(t.app, c.email, c.password);
      reception = await signIn(t.app, r.email, r.password);
      manager = await signIn(t.app, m.email, m.password);
    });
    afterAll(async () => t.close());

    async function newVisit(body: Record<string, unknown> = {}): Promise<VisitDto> {
      const response = await chiro.post(`/api/patients/${patientId}/visits`, body);
      expect(response.statusCode).withContext(response.body).toBe(201);
      return response.json() as VisitDto;
    }

    it('creates a draft visit with an empty exam, and the read is audited', async () => {
      const visit = await newVisit();
      expect(visit.status).toBe('draft');
      expect(visit.content).toEqual(emptyExam());
      const read = await chiro.get(`/api/visits/${visit.id}`);
      expect(read.statusCode).toBe(200);
      expect(read.headers['etag']).toBe('"1"');
      const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', visit.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['visit.created', 'visit.read']);
    });

    it('saves an exam with one finding of every type, keeps nulls as nulls, and scores outcomes as rows', async () => {
      const visit = await newVisit();
      const content: ExamContent = exampleExam();
      const saved = await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version));
      expect(saved.statusCode).withContext(saved.body).toBe(200);
      const body = saved.json() as VisitDto;
      expect(body.version).toBe(visit.version + 1);
      expect(body.content).toEqual(content);
      const findingTypes = await t.db.selectFrom('findings').select('type').where('visit_id', '=', visit.id).execute();
      expect(new Set(findingTypes.map((f) => f.type))).toEqual(new Set(FINDING_TYPES));
      const scores = await t.db.selectFrom('outcome_scores').select(['measure', 'score']).where('visit_id', '=', visit.id).execute();
      expect(scores.find((s) => s.measure === 'nprs')?.score).toBe(content.outcomes.nprs!);
    });

    it('answers a save with what a read returns, and rewrites finding and score rows only when they change', async () => {
      const derived = async (visitId: string) => ({
        findings: await t.db.selectFrom('findings').select(['id', 'type', 'region', 'side']).where('visit_id', '=', visitId).orderBy('id').execute(),
        scores: await t.db.selectFrom('outcome_scores').select(['measure', 'score']).where('visit_id', '=', visitId).orderBy('measure').execute(),
      });
      const visit = await newVisit();
      const content: ExamContent = exampleExam();
      const first = await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version));
      expect(first.statusCode).withContext(first.body).toBe(200);
      const rowsBefore = await derived(visit.id);
      expect(rowsBefore.findings.length).toBe(content.findings.length);

      // An autosave of the notes only: the same rows stay (same ids), and the answer is what a read gives.
      content.soap.subjective = 'Better since last week.';
      const notes = await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version + 1));
      expect(notes.statusCode).withContext(notes.body).toBe(200);
      expect(notes.headers['etag']).toBe(`"${visit.version + 2}"`);
      const read = await chiro.get(`/api/visits/${visit.id}`);
      expect(notes.json()).toEqual(read.json());
      expect(await derived(visit.id)).toEqual(rowsBefore);

      // A finding removed and the pain score changed: both kinds of rows follow.
      content.findings = content.findings.slice(1);
      content.outcomes.nprs = content.outcomes.nprs === 2 ? 3 : 2;
      expect((await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version + 2))).statusCode).toBe(200);
      const rowsAfter = await derived(visit.id);
      expect(rowsAfter.findings.map((f) => f.type).sort()).toEqual(content.findings.map((f) => f.type).sort());
      expect(rowsAfter.scores.find((s) => s.measure === 'nprs')?.score).toBe(content.outcomes.nprs);
    });

    it('sends the answer to a save (a few kB) uncompressed, even to a client that accepts compression', async () => {
      const visit = await newVisit();
      const saved = await chiro.put(`/api/visits/${visit.id}`, { content: exampleExam() }, { headers: { ...ifMatch(visit.version).headers, 'accept-encoding': 'br, gzip' } });
      expect(saved.statusCode).withContext(saved.body).toBe(200);
      expect(saved.rawPayload.length).toBeGreaterThan(1024);
      expect(saved.headers['content-encoding']).toBeUndefined();
      expect((saved.json() as VisitDto).version).toBe(visit.version + 1);
    });

    it('rewrites the derived rows when the visit it was given is older than the version it replaces', async () => {
      const visit = await newVisit();
      const withFindings = exampleExam();
      expect((await chiro.put(`/api/visits/${visit.id}`, { content: withFindings }, ifMatch(visit.version))).statusCode).toBe(200);
      // The caller read version 1 (no findings) but replaces version 2 (someone saved in between) with content
      // that has no findings either: comparing with what it read would wrongly keep version 2's rows.
      const stale = (await findVisit(t.db, visit.id))!;
      const result = await t.db.transaction().execute((trx) =>
        saveVisitContent(trx, { ...stale, version: visit.version, content: emptyExam() }, visit.version + 1, emptyExam(), chiroId));
      expect(result.result).toBe('saved');
      expect(await t.db.selectFrom('findings').select('id').where('visit_id', '=', visit.id).execute()).toEqual([]);
    });

    it('refuses an invalid exam with a message per field and changes nothing', async () => {
      const visit = await newVisit();
      const content = emptyExam() as unknown as { outcomes: { nprs: number } };
      content.outcomes.nprs = 14;
      const response = await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version));
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json().error.fields)).toContain('content.outcomes.nprs');
      const after = (await chiro.get(`/api/visits/${visit.id}`)).json() as VisitDto;
      expect(after.version).toBe(visit.version);
    });

    it('needs the version being edited: 428 without it, 412 when someone saved first', async () => {
      const visit = await newVisit();
      expect((await chiro.put(`/api/visits/${visit.id}`, { content: emptyExam() })).statusCode).toBe(428);
      expect((await chiro.put(`/api/visits/${visit.id}`, { content: emptyExam() }, ifMatch(visit.version))).statusCode).toBe(200);
      const stale = await chiro.put(`/api/visits/${visit.id}`, { content: emptyExam() }, ifMatch(visit.version));
      expect(stale.statusCode).toBe(412);
      expect(stale.json().error.code).toBe('stale_version');
    });

    it('saves simultaneous autosaves sharing commits: each answered, a stale one refused alone, the audit chain whole', async () => {
      const visits = await Promise.all(Array.from({ length: 8 }, () => newVisit()));
      const contentOf = (i: number): ExamContent => ({ ...emptyExam(), soap: { ...emptyExam().soap, subjective: `Save ${i}` } });
      const before = groupCommitStats(t.db);
      // The first visit is saved twice in the same burst from the same version: one of the two must be refused.
      const responses = await Promise.all([
        ...visits.map((v, i) => chiro.put(`/api/visits/${v.id}`, { content: contentOf(i) }, ifMatch(v.version))),
        chiro.put(`/api/visits/${visits[0]!.id}`, { content: contentOf(0) }, ifMatch(visits[0]!.version)),
      ]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array<number>(8).fill(200), 412]);
      for (const [i, v] of visits.entries()) {
        const stored = (await findVisit(t.db, v.id))!;
        expect([stored.version, (stored.content as ExamContent).soap.subjective]).toEqual([v.version + 1, `Save ${i}`]);
      }
      const saves = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'visit.saved')
        .where('entity_id', 'in', visits.map((v) => v.id)).execute();
      expect(saves.length).toBe(8);
      expect((await verifyAuditChain(t.db)).ok).toBeTrue();
      const after = groupCommitStats(t.db);
      // Jobs counts the writes committed: the eight saves, in fewer commits than saves.
      expect(after.jobs - before.jobs).toBe(8);
      expect(after.commits - before.commits).toBeLessThan(8);
    });

    it('signs and locks a visit; later changes are addenda with author and time', async () => {
      const visit = await newVisit();
      const content = emptyExam();
      content.findings = [{ ...emptyFinding('facet-joint', 'f1'), region: 'lumbar', segment: 'L4/5', side: 'left' } as ExamContent['findings'][number]];
      const saved = (await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version))).json() as VisitDto;
      const signed = await chiro.post(`/api/visits/${visit.id}/sign`, {}, ifMatch(saved.version));
      expect(signed.statusCode).withContext(signed.body).toBe(200);
      expect((signed.json() as VisitDto).status).toBe('signed');
      const edit = await chiro.put(`/api/visits/${visit.id}`, { content: emptyExam() }, ifMatch((signed.json() as VisitDto).version));
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe('visit_signed');
      const addendum = await chiro.post(`/api/visits/${visit.id}/addenda`, { text: 'Patient phoned: pain eased the next day.' });
      expect(addendum.statusCode).toBe(201);
      const after = addendum.json() as VisitDto;
      expect(after.addenda.length).toBe(1);
      expect(after.addenda[0]!.text).toBe('Patient phoned: pain eased the next day.');
      expect(after.content).toEqual(content);
    });

    it('will not sign a visit with half-filled findings', async () => {
      const visit = await newVisit();
      const content = emptyExam();
      content.findings = [emptyFinding('disc-irritation', 'f1')];
      const saved = (await chiro.put(`/api/visits/${visit.id}`, { content }, ifMatch(visit.version))).json() as VisitDto;
      const response = await chiro.post(`/api/visits/${visit.id}/sign`, {}, ifMatch(saved.version));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('before signing');
    });

    it('copies the last findings forward for editing', async () => {
      const first = await newVisit();
      const content = exampleExam();
      await chiro.put(`/api/visits/${first.id}`, { content }, ifMatch(first.version));
      const second = await newVisit({ copyFromLast: true });
      const copied = second.content as ExamContent;
      expect(copied.findings.map((f) => f.type)).toEqual(content.findings.map((f) => f.type));
      expect(copied.outcomes).toEqual(emptyExam().outcomes);
    });

    it('keeps clinical content from receptionists: summaries only, 403 on the visit itself', async () => {
      const visit = await newVisit();
      const list = await reception.get(`/api/patients/${patientId}/visits`);
      expect(list.statusCode).toBe(200);
      const summaries = list.json() as Record<string, unknown>[];
      expect(summaries.length).toBeGreaterThan(0);
      for (const summary of summaries) {
        expect(Object.keys(summary).sort()).toEqual(['appointmentId', 'centreId', 'clinicianId', 'clinicianName', 'id', 'patientId', 'signedAt', 'status', 'visitDate']);
      }
      expect((await reception.get(`/api/visits/${visit.id}`)).statusCode).toBe(403);
      expect((await reception.get(`/api/patients/${patientId}/progress`)).statusCode).toBe(403);
      expect((await reception.post(`/api/patients/${patientId}/visits`, {})).statusCode).toBe(403);
    });

    it('lets managers read but not write', async () => {
      const visit = await newVisit();
      expect((await manager.get(`/api/visits/${visit.id}`)).statusCode).toBe(200);
      expect((await manager.put(`/api/visits/${visit.id}`, { content: emptyExam() }, ifMatch(visit.version))).statusCode).toBe(403);
    });

    it("hides another centre's patient and visits as not found", async () => {
      expect((await chiro.get(`/api/patients/${otherPatientId}/visits`)).statusCode).toBe(404);
      expect((await chiro.post(`/api/patients/${otherPatientId}/visits`, {})).statusCode).toBe(404);
    });

    it('returns the outcome history for the progress charts, oldest first', async () => {
      await newVisit({ visitDate: '2026-01-10' });
      await newVisit({ visitDate: '2025-12-01' });
      const response = await chiro.get(`/api/patients/${patientId}/progress`);
      expect(response.statusCode).toBe(200);
      const { visits } = response.json() as { visits: { visitDate: string }[] };
      expect(visits.length).toBeGreaterThan(1);
      const dates = visits.map((v) => v.visitDate);
      expect([...dates].sort()).toEqual(dates);
    });
  });
}
