/**
 * Alerts raised inside the exam form from the secondary-cause screen and the neuro exam
 * (DOMAIN.md sections 2 and 3). They tell the clinician what to do; they never diagnose.
 *
 * Recall comes first, as in the intake red-flag rules: a needless alert costs a moment, a missed
 * one can cost a spine. Unasked questions ('not-asked') never raise an alert and never count as
 * "no" either; signing checks are where unanswered questions are chased.
 */
import {
  LABELS,
  LONG_CRAMP_MINUTES,
  MEDICINES,
  MYOTOMES,
  RED_FLAG_KEYS,
  RED_FLAG_QUESTIONS,
  REFLEX_CODES,
  type ExamContent,
  type Medicine,
  type MyotomeCode,
  type SidedResult,
} from './exam-model';

export const ALERT_LEVELS = ['emergency', 'urgent', 'gp', 'info'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_LEVEL_LABELS: Readonly<Record<AlertLevel, string>> = {
  emergency: 'Emergency: 999 or A&E now',
  urgent: 'Urgent: same-day GP or NHS 111',
  gp: 'GP advice (routine)',
  info: 'For your information',
};

export const ALERT_IDS = [
  'cauda-equina',
  'tetanus',
  'statin-muscle-symptoms',
  'possible-dvt',
  'cord-signs',
  'myotome-weakness',
  'long-cramp',
  'toxin-exposure',
  'cord-signs-equivocal',
  'cramp-medicines',
  'statin-question-unasked',
  'pregnancy',
  'secondary-cause',
  'fluid-restriction',
] as const;
/** Stable per rule, so the UI can keep an acknowledgement against an alert across re-renders. */
export type AlertId = (typeof ALERT_IDS)[number];

export interface ExamAlert {
  id: AlertId;
  level: AlertLevel;
  title: string;
  /** What to do, in plain words. */
  action: string;
  /** The answers or findings that raised it, so the clinician can see why. */
  reasons: string[];
}

/** The parts of the exam the rules read; a form can pass its current value as it is typed. */
export type ScreenAlertInput = Pick<ExamContent, 'screen' | 'neuro' | 'crampProfile' | 'findings'>;

/** Statins under their generic (…statin) and common UK brand names, as patients write them. */
const STATIN_IN_TEXT = /statin|lipitor|crestor|zocor|lescol|livalo/i;

/** MRC at or below this in a myotome is marked weakness (moves against gravity at best). */
export const MRC_URGENT_AT_OR_BELOW = 3;

const LEVEL_ORDER: Readonly<Record<AlertLevel, number>> = { emergency: 0, urgent: 1, gp: 2, info: 3 };

const CORD_TESTS = ['hoffmann', 'babinski', 'clonus'] as const;

function sidesWith(test: SidedResult, result: SidedResult['left']): string[] {
  const sides: string[] = [];
  if (test.left === result) sides.push('left');
  if (test.right === result) sides.push('right');
  return sides;
}

/** Medicines on the list, plus a statin spotted in the free text (patients often type the name). */
export function medicinesOnScreen(screen: ScreenAlertInput['screen']): Medicine[] {
  const listed = new Set<Medicine>(screen.medicines);
  if (STATIN_IN_TEXT.test(screen.otherMedicines)) listed.add('statin');
  // Keep the canonical order so alert text is stable.
  return MEDICINES.filter((m) => listed.has(m));
}

/** All alerts for the exam as it stands, most severe first. */
export function screenAlerts(exam: ScreenAlertInput): ExamAlert[] {
  const { screen, neuro, crampProfile, findings } = exam;
  const alerts: ExamAlert[] = [];

  // --- Emergency: cauda equina (answers, or weakness of both legs found on testing) ------------
  const caudaReasons = RED_FLAG_KEYS.filter(
    (k) => RED_FLAG_QUESTIONS[k].group === 'cauda-equina' && screen.redFlags[k] === 'yes',
  ).map((k) => `Yes: ${RED_FLAG_QUESTIONS[k].question}`);

  const weakLegs = { left: [] as string[], right: [] as string[] };
  const weakMyotomes: string[] = [];
  for (const m of MYOTOMES) {
    const grade = neuro.myotomes[m.code];
    for (const side of ['left', 'right'] as const) {
      const g = grade[side];
      if (g !== null && g <= MRC_URGENT_AT_OR_BELOW) {
        weakMyotomes.push(`${myotomeLabel(m.code)}, ${side}: ${g}/5`);
        if (m.limb === 'lower') weakLegs[side].push(m.code);
      }
    }
  }
  // Weakness in both legs is a cauda equina sign (DOMAIN section 2) whoever noticed it.
  if (weakLegs.left.length > 0 && weakLegs.right.length > 0) {
    caudaReasons.push(
      `Weakness (MRC 3 or less) in both legs: left ${weakLegs.left.join(', ')}; right ${weakLegs.right.join(', ')}`,
    );
  }
  if (caudaReasons.length > 0) {
    alerts.push({
      id: 'cauda-equina',
      level: 'emergency',
      title: 'Possible cauda equina syndrome',
      action:
        'Tell the patient to go to A&E now or call 999. Do not book a routine visit instead.',
      reasons: caudaReasons,
    });
  }

  if (screen.redFlags.spasmAfterWound === 'yes') {
    alerts.push({
      id: 'tetanus',
      level: 'emergency',
      title: 'Possible tetanus',
      action: 'Tell the patient to go to A&E now or call 999.',
      reasons: [`Yes: ${RED_FLAG_QUESTIONS.spasmAfterWound.question}`],
    });
  }

  // --- Urgent: same-day GP or NHS 111 ---------------------------------------------------------
  const medicines = medicinesOnScreen(screen);
  const statinSymptoms = screen.statinNewMuscleSymptoms === 'yes';
  if (statinSymptoms) {
    // The answer itself says "on a statin", so it fires even if the statin was not ticked.
    alerts.push({
      id: 'statin-muscle-symptoms',
      level: 'urgent',
      title: 'Statin with new muscle symptoms',
      action:
        'The patient should contact their GP or NHS 111 today. They should not stop the statin unless the GP or 111 tells them to.',
      reasons: [`Yes: ${LABELS.screenQuestion.statinNewMuscleSymptoms}`],
    });
  }

  if (screen.redFlags.oneLegSwollenHot === 'yes') {
    alerts.push({
      id: 'possible-dvt',
      level: 'urgent',
      title: 'Possible blood clot in the leg (DVT)',
      action:
        'The patient should see their GP or call NHS 111 today. If they are also breathless, have chest pain or cough up blood: 999 now.',
      reasons: [`Yes: ${RED_FLAG_QUESTIONS.oneLegSwollenHot.question}`],
    });
  }

  const cordPositive: string[] = [];
  const cordEquivocal: string[] = [];
  for (const test of CORD_TESTS) {
    const value = neuro.cordScreen[test];
    const pos = sidesWith(value, 'positive');
    const eq = sidesWith(value, 'equivocal');
    if (pos.length > 0) cordPositive.push(`${LABELS.cordTest[test]} positive: ${pos.join(' and ')}`);
    if (eq.length > 0) cordEquivocal.push(`${LABELS.cordTest[test]} unclear: ${eq.join(' and ')}`);
  }
  // A 4+ reflex means sustained clonus, an upper motor neurone sign like the three tests above.
  for (const r of REFLEX_CODES) {
    for (const side of ['left', 'right'] as const) {
      if (neuro.reflexes[r][side] === '4+') cordPositive.push(`${LABELS.reflex[r]} reflex 4+, ${side}`);
    }
  }
  if (neuro.cordScreen.gait === 'unsteady' || neuro.cordScreen.gait === 'spastic') {
    cordPositive.push(`Gait: ${LABELS.gait[neuro.cordScreen.gait]}`);
  }
  if (cordPositive.length > 0) {
    alerts.push({
      id: 'cord-signs',
      level: 'urgent',
      title: 'Signs of spinal cord involvement',
      action:
        'Refer the same day: the patient should see their GP or call NHS 111 today. Include these findings in the referral.',
      reasons: cordPositive,
    });
  }

  if (weakMyotomes.length > 0) {
    alerts.push({
      id: 'myotome-weakness',
      level: 'urgent',
      title: 'Marked muscle weakness (MRC 3 or less)',
      action: 'The patient needs a same-day GP appointment (or NHS 111). Include the myotome grades in the referral.',
      reasons: weakMyotomes,
    });
  }

  const longCramps: string[] = [];
  if (crampProfile.longestEpisodeMinutes !== null && crampProfile.longestEpisodeMinutes > LONG_CRAMP_MINUTES) {
    longCramps.push(`Longest cramp: ${crampProfile.longestEpisodeMinutes} minutes`);
  }
  for (const f of findings) {
    if (f.type === 'cramp-episode' && f.cramp.durationMinutes !== null && f.cramp.durationMinutes > LONG_CRAMP_MINUTES) {
      const muscle = f.cramp.muscle.trim() === '' ? 'cramp episode' : f.cramp.muscle.trim();
      longCramps.push(`${muscle}: ${f.cramp.durationMinutes} minutes`);
    }
  }
  if (longCramps.length > 0) {
    alerts.push({
      id: 'long-cramp',
      level: 'urgent',
      title: `Cramp lasting more than ${LONG_CRAMP_MINUTES} minutes`,
      action: 'The patient should see their GP or call NHS 111 today.',
      reasons: longCramps,
    });
  }

  if (screen.toxinExposure === 'yes') {
    const named = screen.toxins.map((t) => LABELS.toxin[t].toLowerCase());
    alerts.push({
      id: 'toxin-exposure',
      level: 'urgent',
      title: 'Cramps after contact with lead or mercury',
      action: 'The patient should see their GP or call NHS 111 today.',
      reasons: [named.length > 0 ? `Contact with ${named.join(' and ')}` : `Yes: ${LABELS.screenQuestion.toxinExposure}`],
    });
  }

  // --- GP (routine) ---------------------------------------------------------------------------
  if (cordEquivocal.length > 0 && cordPositive.length === 0) {
    // Equivocal is not positive, but it is not clear either: recheck rather than ignore.
    alerts.push({
      id: 'cord-signs-equivocal',
      level: 'gp',
      title: 'Unclear cord sign',
      action:
        'Test again. If it is still unclear, ask the GP to review and mention it in the letter. If it becomes positive, refer the same day.',
      reasons: cordEquivocal,
    });
  }

  // A statin whose muscle symptoms are already urgent is not repeated here as routine advice.
  const routineMedicines = medicines.filter((m) => !(m === 'statin' && statinSymptoms));
  if (routineMedicines.length > 0) {
    alerts.push({
      id: 'cramp-medicines',
      level: 'gp',
      title: 'Takes a medicine that can cause cramp',
      action:
        'Suggest the patient asks their GP whether this medicine could add to the cramps. They must never stop a prescribed medicine without their GP’s advice.',
      reasons: routineMedicines.map((m) => LABELS.medicine[m]),
    });
  }

  // --- Info -----------------------------------------------------------------------------------
  if (medicines.includes('statin') && screen.statinNewMuscleSymptoms === 'not-asked') {
    alerts.push({
      id: 'statin-question-unasked',
      level: 'info',
      title: 'Ask about new muscle symptoms on the statin',
      action:
        'Ask whether the muscle pain, weakness or cramps are new or unexplained, or if they have yellow skin or eyes or dark urine. If yes, they need their GP or NHS 111 today.',
      reasons: [LABELS.medicine.statin],
    });
  }

  if (screen.pregnant === 'yes') {
    alerts.push({
      id: 'pregnancy',
      level: 'info',
      title: screen.trimester === null ? 'Pregnant' : `Pregnant, trimester ${screen.trimester}`,
      action:
        'Cramps in late pregnancy usually pass after the birth. Gentle calf stretches are fine. Use the pregnancy notes on the advice sheet.',
      reasons: [`Yes: ${LABELS.screenQuestion.pregnant}`],
    });
  }

  const secondary: string[] = [];
  if (screen.neurologicalCondition === 'yes') {
    const named = screen.neurologicalConditions.map((c) => LABELS.neuroCondition[c]);
    secondary.push(named.length > 0 ? named.join(', ') : 'Neurological condition');
  }
  if (screen.liverDisease === 'yes') secondary.push('Liver disease');
  if (screen.kidneyDisease === 'yes') secondary.push('Kidney disease');
  if (secondary.length > 0) {
    alerts.push({
      id: 'secondary-cause',
      level: 'info',
      title: 'Cramps may have an underlying cause (secondary cramp)',
      action:
        'Care alongside the GP or specialist who manages this condition, and mention the cramp findings in any letter.',
      reasons: secondary,
    });
  }

  if (screen.fluidRestriction === 'yes') {
    alerts.push({
      id: 'fluid-restriction',
      level: 'info',
      title: 'A doctor has limited how much they drink',
      action:
        "The advice sheet will not give a daily fluid amount. It will say to follow the doctor's fluid advice instead.",
      reasons: [`Yes: ${LABELS.screenQuestion.fluidRestriction}`],
    });
  }

  // Array.prototype.sort is stable, so alerts of one level keep the order written above.
  return alerts.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** The most severe level present, for a badge on a collapsed section; null when none. */
export function highestAlertLevel(alerts: readonly ExamAlert[]): AlertLevel | null {
  let best: AlertLevel | null = null;
  for (const a of alerts) {
    if (best === null || LEVEL_ORDER[a.level] < LEVEL_ORDER[best]) best = a.level;
  }
  return best;
}

function myotomeLabel(code: MyotomeCode): string {
  return LABELS.myotome[code];
}
