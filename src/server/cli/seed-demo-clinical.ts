import { randomUUID } from 'node:crypto';
import { draftSheet, type AdviceModule } from '../../shared/advice';
import { emptyExam, type ExamContent, type Finding } from '../../shared/exam';
import { exampleExam, exampleFindings } from '../../shared/exam/exam-example';
import type { Db } from '../db/database';
import { listAdviceModules, ensureShippedModules } from '../db/repositories/advice';
import { localDate } from '../db/repositories/diary';
import { issueHandout } from '../db/repositories/handouts';
import { insertVisit, signVisit } from '../db/repositories/visits';
import { prng } from './demo-random';
import type { DemoAppointment, DemoDiary } from './seed-demo-diary';

/*
 * Demo exams and advice sheets: patients with two to six signed visits each, built from the
 * diary's attended appointments, covering every finding type, with outcome scores that improve
 * (mostly) so the progress charts and the analytics have a story to tell. Deterministic.
 */

interface Scenario {
  name: string;
  findings: (f: Finding[]) => Finding[];
  adjust: (exam: ExamContent) => void;
}

const [imbalance, facet, disc, spasm, cramp] = [0, 1, 2, 3, 4];

const SCENARIOS: Scenario[] = [
  { name: 'night calf cramp', findings: (f) => [f[cramp]!], adjust: (e) => { e.crampProfile.sites = [{ site: 'calf', side: 'left' }]; e.crampProfile.timing = ['night-in-bed']; } },
  { name: 'facet sprain low back', findings: (f) => [f[facet]!, f[spasm]!], adjust: (e) => { e.crampProfile.sites = [{ site: 'paraspinal-lumbar', side: 'central' }]; e.crampProfile.timing = ['at-rest']; } },
  { name: 'disc L5', findings: (f) => [f[disc]!, f[cramp]!], adjust: () => undefined },
  { name: 'weak glutes', findings: (f) => [f[imbalance]!], adjust: (e) => { e.crampProfile.sites = [{ site: 'hamstring', side: 'left' }]; e.crampProfile.timing = ['during-exercise']; } },
  { name: 'fluid restriction', findings: (f) => [f[cramp]!], adjust: (e) => { e.screen.fluidRestriction = 'yes'; e.screen.kidneyDisease = 'yes'; e.crampProfile.timing = ['night-in-bed']; } },
  { name: 'pregnancy', findings: (f) => [f[cramp]!], adjust: (e) => { e.screen.pregnant = 'yes'; e.screen.trimester = 3; e.crampProfile.timing = ['night-in-bed']; } },
  { name: 'everything', findings: (f) => f, adjust: () => undefined },
];


function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(value)));
}

/** The exam at visit `index` of `count` for a scenario: scores fall as treatment goes on. */
function examFor(scenario: Scenario, index: number, count: number, rand: () => number, improves: boolean): ExamContent {
  const base = exampleExam();
  const exam = emptyExam();
  exam.crampProfile = base.crampProfile;
  exam.screen = base.screen;
  exam.neuro = base.neuro;
  exam.soap = { ...base.soap };
  exam.bodyChart = base.bodyChart;
  // Findings resolve one by one as the visits go on; the first visit has them all.
  const findings = scenario.findings(exampleFindings()).map((f) => ({ ...f, id: randomUUID() }));
  exam.findings = findings.slice(0, Math.max(1, findings.length - Math.floor((index * findings.length) / (count + 1))));
  scenario.adjust(exam);
  const progress = improves ? index / Math.max(1, count - 1) : 0.15 * index;
  const startPain = 6 + Math.floor(rand() * 4);
  exam.outcomes = {
    nprs: clamp(startPain - progress * (3 + rand() * 3), 0, 10),
    bournemouth: { version: 'back', items: [7, 6, 5, 4, 3, 6, 5].map((v) => clamp(v - progress * (2 + rand() * 3), 0, 10)) },
    psfs: base.outcomes.psfs.map((a) => ({ activity: a.activity, score: clamp((a.score ?? 3) + progress * (3 + rand() * 3), 0, 10) })),
  };
  exam.crampProfile.episodesPerWeek = clamp(7 - progress * (4 + rand() * 3), 0, 100);
  exam.soap.subjective = index === 0 ? base.soap.subjective : `Visit ${index + 1}: ${improves ? 'better than last time' : 'about the same'}.`;
  return exam;
}

export async function seedDemoClinical(db: Db, diary: DemoDiary, staffNames: Record<string, string>, seed = 4242): Promise<{ visits: number; handouts: number }> {
  const random = prng(seed);
  const rand = random.next;
  await ensureShippedModules(db);
  const library = new Map((await listAdviceModules(db)).map((entry) => [entry.key, entry]));
  const modules = [...library.values()].map((entry) => entry.module as AdviceModule);

  const attendedByPatient = new Map<string, DemoAppointment[]>();
  for (const appointment of diary.appointments) {
    if (appointment.status !== 'attended') continue;
    const list = attendedByPatient.get(appointment.patientId) ?? [];
    list.push(appointment);
    attendedByPatient.set(appointment.patientId, list);
  }
  const patients = [...attendedByPatient.entries()].filter(([, list]) => list.length >= 2)
    .sort(([a], [b]) => a.localeCompare(b)).slice(0, 100);
  if (!patients.some(([id]) => id === diary.largePrintPatientId) && attendedByPatient.get(diary.largePrintPatientId)?.length) {
    patients.push([diary.largePrintPatientId, attendedByPatient.get(diary.largePrintPatientId)!]);
  }

  let visits = 0;
  let handouts = 0;
  for (const [index, [patientId, appointments]] of patients.entries()) {
    const scenario = SCENARIOS[index % SCENARIOS.length]!;
    // The latest visits, so the last weeks of the demo (what Analytics opens on) have results too.
    const chosen = appointments.sort((a, b) => a.start.localeCompare(b.start)).slice(-6);
    const improves = rand() < 0.75;
    await db.transaction().execute(async (trx) => {
      for (const [visitIndex, appointment] of chosen.entries()) {
        const content = examFor(scenario, visitIndex, chosen.length, rand, improves);
        const visitId = await insertVisit(trx, {
          patientId, centreId: appointment.centreId, clinicianId: appointment.clinicianId, appointmentId: appointment.id,
          visitDate: localDate('Europe/London', Date.parse(appointment.start)), content,
        });
        await signVisit(trx, visitId, 1, appointment.clinicianId);
        visits++;
        // A sheet at the first visit, and a fresh one at the last when the advice moved on.
        if (visitIndex === 0 || visitIndex === chosen.length - 1 || patientId === diary.largePrintPatientId) {
          const draft = draftSheet(content, { library: modules });
          await issueHandout(trx, {
            visit: { id: visitId, patientId, centreId: appointment.centreId },
            clinician: { id: appointment.clinicianId, name: staffNames[appointment.clinicianId] ?? 'Your chiropractor' },
            draft: { items: draft.items, leftOut: draft.leftOut, personal: draft.personal },
            library,
            largePrint: patientId === diary.largePrintPatientId,
            issuedAt: appointment.end,
          });
          handouts++;
        }
      }
    });
  }
  return { visits, handouts };
}
