/**
 * A fully filled-in exam with one finding of every type, for specs, demo data and e2e setup.
 * Not re-exported from index.ts: app code has no use for it, so it stays out of the bundle.
 * Clinically coherent on purpose (low-back disc with L5 signs, facet and spasm above it, a glute
 * imbalance cramping the hamstrings, night calf cramps) so demo charts tell a believable story.
 */
import { emptyExam, emptyFinding, type ExamContent, type Finding } from './exam-model';

type Placement = Partial<Pick<Finding, 'region' | 'segment' | 'nerveRoot' | 'side' | 'note'>>;

/** Typed so a misspelt region or segment fails to compile rather than at validation. */
function placed<F extends Finding>(finding: F, where: Placement): F {
  return { ...finding, ...where };
}

export function exampleFindings(): Finding[] {
  const imbalance = placed(emptyFinding('muscle-imbalance', 'f-imbalance'), {
    region: 'lower-limb', side: 'left', note: 'Cramped on the second set.',
  });
  imbalance.imbalance = {
    testUsed: 'bridge',
    testUsedOther: '',
    testResult: { result: 'positive', angleDeg: null },
    weakMuscle: 'Gluteus maximus',
    overactiveMuscle: 'Hamstrings',
    relation: 'agonist',
    strengthGrade: 4,
    crampedMuscle: 'Hamstrings',
  };

  const facet = placed(emptyFinding('facet-joint', 'f-facet'), { region: 'lumbar', segment: 'L4/5', side: 'right' });
  facet.tests.kemps = { result: 'positive', angleDeg: null };
  facet.tests.extensionPain = { result: 'positive', angleDeg: null };
  facet.tests.palpationRestriction = { result: 'positive', angleDeg: null };
  facet.tests.localSpasm = { result: 'positive', angleDeg: null };
  facet.tests.nerveSigns = { result: 'negative', angleDeg: null };
  facet.tests.hipGirdle = { result: 'equivocal', angleDeg: null };

  const disc = placed(emptyFinding('disc-irritation', 'f-disc'), {
    region: 'lumbar', segment: 'L4/5', nerveRoot: 'L5', side: 'left',
  });
  disc.tests.slr = { result: 'positive', angleDeg: 45 };
  disc.tests.crossedSlr = { result: 'negative', angleDeg: 80 };
  disc.tests.slump = { result: 'positive', angleDeg: null };

  const spasm = placed(emptyFinding('paraspinal-spasm', 'f-spasm'), {
    region: 'lumbar', segment: 'L3/4', side: 'bilateral',
  });
  spasm.tests.palpationPain = { result: 'positive', angleDeg: null };
  spasm.tests.localSpasm = { result: 'positive', angleDeg: null };

  const cramp = placed(emptyFinding('cramp-episode', 'f-cramp'), { region: 'lower-limb', side: 'left' });
  cramp.cramp = { muscle: 'Calf (gastrocnemius)', durationMinutes: 3, context: 'Night, foot pointed down' };

  return [imbalance, facet, disc, spasm, cramp];
}

export function exampleExam(): ExamContent {
  const exam = emptyExam();
  exam.crampProfile = {
    sites: [
      { site: 'calf', side: 'left' },
      { site: 'hamstring', side: 'left' },
      { site: 'paraspinal-lumbar', side: 'central' },
    ],
    timing: ['night-in-bed', 'during-exercise'],
    episodesPerWeek: 6,
    longestEpisodeMinutes: 4,
    triggers: ['fatigue', 'long-posture'],
    note: 'Worse after long drives.',
  };
  exam.findings = exampleFindings();

  exam.neuro.myotomes.L4 = { left: 5, right: 5 };
  exam.neuro.myotomes.L5 = { left: 4, right: 5 };
  exam.neuro.myotomes.S1 = { left: 5, right: 5 };
  exam.neuro.reflexes.knee = { left: '2+', right: '2+' };
  exam.neuro.reflexes.ankle = { left: '1+', right: '2+' };
  exam.neuro.dermatomes.L5 = { left: 'reduced', right: 'intact' };
  exam.neuro.dermatomes.S1 = { left: 'intact', right: 'intact' };
  exam.neuro.cordScreen = {
    hoffmann: { left: 'negative', right: 'negative' },
    babinski: { left: 'negative', right: 'negative' },
    clonus: { left: 'negative', right: 'negative' },
    gait: 'antalgic',
    gaitNote: 'Shortened stance on the left.',
  };

  exam.screen = {
    ...exam.screen,
    takesMedicines: 'yes',
    medicines: ['salbutamol'],
    otherMedicines: 'Omeprazole',
    statinNewMuscleSymptoms: 'no',
    pregnant: 'no',
    neurologicalCondition: 'no',
    liverDisease: 'no',
    kidneyDisease: 'no',
    toxinExposure: 'no',
    fluidRestriction: 'no',
    redFlags: {
      saddleNumbness: 'no',
      bladderChange: 'no',
      bowelChange: 'no',
      bothLegsWeak: 'no',
      erectionChange: 'no',
      spasmAfterWound: 'no',
      oneLegSwollenHot: 'no',
    },
  };

  exam.soap = {
    subjective: 'Low back pain for 3 weeks with left calf cramps at night.',
    objective: 'SLR left positive at 45°. L5 sensation reduced on the left.',
    assessment: 'L4/5 disc irritation with L5 signs; right L4/5 facet sprain; weak glutes.',
    plan: 'Treat weekly for 4 weeks. Calf stretches before bed. Glute strengthening.',
  };
  exam.bodyChart = {
    marks: [
      { regionId: 'low-back', side: 'central', view: 'back', symptom: 'pain' },
      { regionId: 'calf', side: 'left', view: 'back', symptom: 'cramp' },
      { regionId: 'back-thigh', side: 'left', view: 'back', symptom: 'cramp' },
      { regionId: 'low-back', side: 'central', view: 'back', symptom: 'cramp' },
      { regionId: 'foot', side: 'left', view: 'front', symptom: 'pins-and-needles' },
    ],
  };
  exam.outcomes = {
    nprs: 7,
    bournemouth: { version: 'back', items: [7, 6, 5, 4, 3, 6, 5] },
    psfs: [
      { activity: 'Sitting through a film', score: 3 },
      { activity: 'Walking the dog', score: 5 },
      { activity: 'Sleeping through the night', score: 2 },
    ],
  };
  return exam;
}
