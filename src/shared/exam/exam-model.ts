/**
 * Functional exam: codes, labels and types (DOMAIN.md section 3).
 *
 * This file is deliberately free of TypeBox and of any framework so the Angular bundle can import
 * the codes, labels and types without pulling a validator in. The matching TypeBox schemas live in
 * `exam.schema.ts`, which asserts at compile time that its Static types equal the types here.
 *
 * Conventions used throughout:
 * - Enumerated values are kebab-case string codes; object keys are camelCase.
 * - "Not tested" is always explicit: `'not-tested'` for test results, `null` for grades, angles and
 *   sensation. Nothing is ever stored as "normal" by default.
 * - Every field is always present (no optional properties) so typed reactive forms and stored
 *   drafts have one stable shape; unknown values are `null`, empty text is `''`.
 * - Left and right are the patient's own left and right.
 */

// ---------------------------------------------------------------------------------------------
// Finding classification
// ---------------------------------------------------------------------------------------------

export const FINDING_TYPES = [
  'muscle-imbalance',
  'facet-joint',
  'disc-irritation',
  'paraspinal-spasm',
  'cramp-episode',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const REGIONS = [
  'cervical',
  'thoracic',
  'lumbar',
  'sacropelvic',
  'upper-limb',
  'lower-limb',
] as const;
export type Region = (typeof REGIONS)[number];

/** Spinal motion segments, top to bottom. `Occ/C1` is occiput–C1; `SIJ` the sacroiliac joint. */
export const SEGMENTS = [
  'Occ/C1',
  'C1/2', 'C2/3', 'C3/4', 'C4/5', 'C5/6', 'C6/7', 'C7/T1',
  'T1/2', 'T2/3', 'T3/4', 'T4/5', 'T5/6', 'T6/7', 'T7/8', 'T8/9', 'T9/10', 'T10/11', 'T11/12',
  'T12/L1',
  'L1/2', 'L2/3', 'L3/4', 'L4/5', 'L5/S1',
  'SIJ',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Nerve roots. Recorded in their own field and never derived from the segment: root numbering
 * differs between the neck (C6 exits at C5/6) and the low back (L5 is usually hit at L4/5), and
 * the clinician's judgement is what gets recorded.
 */
export const NERVE_ROOTS = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
  'S1', 'S2', 'S3', 'S4', 'S5',
] as const;
export type NerveRoot = (typeof NERVE_ROOTS)[number];

export const SIDES = ['left', 'right', 'bilateral', 'central'] as const;
export type Side = (typeof SIDES)[number];

/**
 * Region each segment belongs to, so the form can offer only sensible segments. C7/T1 and T12/L1
 * are junctions; they are listed with the region above them because that is where the form shows
 * them first. This is a filter for the picker, not a validation rule.
 */
export const SEGMENT_REGION: Readonly<Record<Segment, Region>> = {
  'Occ/C1': 'cervical', 'C1/2': 'cervical', 'C2/3': 'cervical', 'C3/4': 'cervical',
  'C4/5': 'cervical', 'C5/6': 'cervical', 'C6/7': 'cervical', 'C7/T1': 'cervical',
  'T1/2': 'thoracic', 'T2/3': 'thoracic', 'T3/4': 'thoracic', 'T4/5': 'thoracic',
  'T5/6': 'thoracic', 'T6/7': 'thoracic', 'T7/8': 'thoracic', 'T8/9': 'thoracic',
  'T9/10': 'thoracic', 'T10/11': 'thoracic', 'T11/12': 'thoracic', 'T12/L1': 'thoracic',
  'L1/2': 'lumbar', 'L2/3': 'lumbar', 'L3/4': 'lumbar', 'L4/5': 'lumbar', 'L5/S1': 'lumbar',
  SIJ: 'sacropelvic',
};

/** Segments to offer for a region; limbs have no spinal segment, so they get none. */
export function segmentsForRegion(region: Region | null): readonly Segment[] {
  if (region === null) return SEGMENTS;
  return SEGMENTS.filter((s) => SEGMENT_REGION[s] === region);
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/** There is no 'normal': an untested sign must never read as a normal one. */
export const TEST_RESULTS = ['not-tested', 'negative', 'positive', 'equivocal'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** One clinical test. `angleDeg` (0–120) only where the test's definition measures an angle. */
export interface TestValue {
  result: TestResult;
  angleDeg: number | null;
}

export const FACET_TEST_KEYS = [
  'kemps',
  'extensionPain',
  'extensionLimited',
  'palpationPain',
  'palpationRestriction',
  'localSpasm',
  // Recorded as a test so "not checked" differs from "checked, none found" (negative).
  'nerveSigns',
  'shoulderGirdle',
  'hipGirdle',
] as const;
export type FacetTestKey = (typeof FACET_TEST_KEYS)[number];

export const DISC_TEST_KEYS = [
  'slr',
  'crossedSlr',
  'slump',
  'spurling',
  'distraction',
  'upperLimbTension',
  'cervicalRotation',
] as const;
export type DiscTestKey = (typeof DISC_TEST_KEYS)[number];

/** Paraspinal spasm reuses the facet palpation and girdle tests (same meaning, same labels). */
export const SPASM_TEST_KEYS = ['palpationPain', 'localSpasm', 'shoulderGirdle', 'hipGirdle'] as const;
export type SpasmTestKey = (typeof SPASM_TEST_KEYS)[number];

export type TestKey = FacetTestKey | DiscTestKey;

export type FacetTests = Record<FacetTestKey, TestValue>;
export type DiscTests = Record<DiscTestKey, TestValue>;
export type SpasmTests = Record<SpasmTestKey, TestValue>;

/** Straight leg raise is positive for nerve-root irritation with leg pain below the knee here. */
export const SLR_RADICULAR_RANGE_DEG = { min: 30, max: 70 } as const;
/** Cervical rotation below this is recorded as limited (a positive result). */
export const CERVICAL_ROTATION_LIMIT_DEG = 60;
export const ANGLE_MAX_DEG = 120;

export interface TestDefinition {
  label: string;
  /** What the form asks for beside the result. */
  measure: 'angle' | 'none';
  /** One-line reminder of what counts as positive, shown under the control. */
  hint: string;
}

export const TEST_DEFINITIONS: Readonly<Record<TestKey, TestDefinition>> = {
  kemps: { label: "Kemp's test", measure: 'none', hint: 'Positive: local pain on extension with rotation.' },
  extensionPain: { label: 'Pain on extension', measure: 'none', hint: 'Positive: bending back is painful.' },
  extensionLimited: { label: 'Limited extension', measure: 'none', hint: 'Positive: bending back is restricted.' },
  palpationPain: { label: 'Pain on palpation', measure: 'none', hint: 'Positive: tender over the joint or muscle.' },
  palpationRestriction: { label: 'Restriction on palpation', measure: 'none', hint: 'Positive: segment moves less than its neighbours.' },
  localSpasm: { label: 'Local muscle spasm', measure: 'none', hint: 'Positive: spasm in the muscles beside the spine.' },
  nerveSigns: { label: 'Nerve signs', measure: 'none', hint: 'Negative means checked and none found, as expected in a facet sprain.' },
  shoulderGirdle: { label: 'Shoulder-girdle muscles involved', measure: 'none', hint: 'Positive: spasm or tenderness in the shoulder-girdle muscles.' },
  hipGirdle: { label: 'Hip-girdle and buttock muscles involved', measure: 'none', hint: 'Positive: spasm or tenderness in the hip-girdle or buttock muscles.' },
  slr: { label: 'Straight leg raise (SLR)', measure: 'angle', hint: 'Positive: leg pain below the knee between 30° and 70°. Record the angle.' },
  crossedSlr: { label: 'Crossed straight leg raise', measure: 'angle', hint: 'Positive: raising the other leg brings on pain in the affected leg.' },
  slump: { label: 'Slump test', measure: 'none', hint: 'Positive: slumped sitting with knee extension reproduces the leg symptoms.' },
  spurling: { label: "Spurling's test", measure: 'none', hint: 'Positive: neck extension, side-bend and pressure reproduce arm pain.' },
  distraction: { label: 'Neck distraction test', measure: 'none', hint: 'Positive: lifting the head eases the arm symptoms.' },
  upperLimbTension: { label: 'Upper-limb tension test (ULTT)', measure: 'none', hint: 'Positive: the tension position reproduces the arm symptoms.' },
  cervicalRotation: { label: 'Neck rotation', measure: 'angle', hint: 'Positive: rotation under 60° to the affected side. Record the angle.' },
};

export function slrInRadicularRange(angleDeg: number): boolean {
  return angleDeg >= SLR_RADICULAR_RANGE_DEG.min && angleDeg <= SLR_RADICULAR_RANGE_DEG.max;
}

export function cervicalRotationLimited(angleDeg: number): boolean {
  return angleDeg < CERVICAL_ROTATION_LIMIT_DEG;
}

const NECK_DISC_TESTS: readonly DiscTestKey[] = ['spurling', 'distraction', 'upperLimbTension', 'cervicalRotation'];
const BACK_DISC_TESTS: readonly DiscTestKey[] = ['slr', 'crossedSlr', 'slump'];

/** Test keys a finding of this type carries (every key is stored; see `testsToShow`). */
export const TESTS_BY_FINDING_TYPE: Readonly<Record<FindingType, readonly TestKey[]>> = {
  'facet-joint': FACET_TEST_KEYS,
  'disc-irritation': DISC_TEST_KEYS,
  'paraspinal-spasm': SPASM_TEST_KEYS,
  'muscle-imbalance': [],
  'cramp-episode': [],
};

/**
 * Tests worth showing for a finding. Disc findings only show the neck or the leg tests for their
 * region so the form stays short; the hidden ones stay stored as 'not-tested'. A thoracic disc
 * shows the slump test because it loads the whole canal. No region yet: show everything.
 */
export function testsToShow(type: FindingType, region: Region | null): readonly TestKey[] {
  if (type !== 'disc-irritation' || region === null) return TESTS_BY_FINDING_TYPE[type];
  switch (region) {
    case 'cervical':
    case 'upper-limb':
      return NECK_DISC_TESTS;
    case 'thoracic':
      return ['slump'];
    case 'lumbar':
    case 'sacropelvic':
    case 'lower-limb':
      return BACK_DISC_TESTS;
  }
}

// ---------------------------------------------------------------------------------------------
// Muscle imbalance and cramp-episode details
// ---------------------------------------------------------------------------------------------

export const IMBALANCE_TESTS = [
  'bridge',
  'prone-hip-extension',
  'side-lying-hip-abduction',
  'single-leg-stance',
  'squat',
  'scapular-control',
  'deep-neck-flexor',
  'other',
] as const;
export type ImbalanceTest = (typeof IMBALANCE_TESTS)[number];

/**
 * How the weak muscle relates to the overactive one (DOMAIN section 1): a weak antagonist lets
 * the stronger opposing muscle spasm; a weak main agonist makes a helper muscle overwork and cramp.
 */
export const IMBALANCE_RELATIONS = ['antagonist', 'agonist'] as const;
export type ImbalanceRelation = (typeof IMBALANCE_RELATIONS)[number];

/** Suggestions for the muscle fields; they stay free text because clinicians name muscles precisely. */
export const MUSCLE_SUGGESTIONS: readonly string[] = [
  'Gluteus maximus', 'Gluteus medius', 'Hamstrings', 'Calf (gastrocnemius)', 'Calf (soleus)',
  'Quadriceps', 'Hip flexors (iliopsoas)', 'Tibialis anterior', 'Foot intrinsics',
  'Lumbar erector spinae', 'Quadratus lumborum', 'Deep abdominals (transversus abdominis)',
  'Upper trapezius', 'Lower trapezius', 'Levator scapulae', 'Deep neck flexors',
  'Pectoralis minor', 'Serratus anterior', 'Forearm flexors', 'Forearm extensors', 'Hand intrinsics',
];

export interface MuscleImbalanceDetail {
  testUsed: ImbalanceTest | null;
  /** Name of the test when `testUsed` is 'other'. */
  testUsedOther: string;
  testResult: TestValue;
  weakMuscle: string;
  overactiveMuscle: string;
  relation: ImbalanceRelation | null;
  /** MRC 0–5 of the weak muscle; null when not graded. */
  strengthGrade: number | null;
  /** The muscle that cramped, e.g. hamstrings during the bridge. */
  crampedMuscle: string;
}

export interface CrampEpisodeDetail {
  muscle: string;
  /** Episodes over 10 minutes are an urgent sign (DOMAIN section 2). */
  durationMinutes: number | null;
  /** What brought it on, in the clinician's words (e.g. "bridge, second set"). */
  context: string;
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

interface FindingBase {
  /** Client-made stable id (letters, digits, - and _): form tracking and "copy from last visit". */
  id: string;
  /** Nullable while drafting; signing requires region and side (see exam-checks.ts). */
  region: Region | null;
  segment: Segment | null;
  nerveRoot: NerveRoot | null;
  side: Side | null;
  note: string;
}

export interface FacetJointFinding extends FindingBase {
  type: 'facet-joint';
  tests: FacetTests;
}
export interface DiscIrritationFinding extends FindingBase {
  type: 'disc-irritation';
  tests: DiscTests;
}
export interface ParaspinalSpasmFinding extends FindingBase {
  type: 'paraspinal-spasm';
  tests: SpasmTests;
}
export interface MuscleImbalanceFinding extends FindingBase {
  type: 'muscle-imbalance';
  imbalance: MuscleImbalanceDetail;
}
export interface CrampEpisodeFinding extends FindingBase {
  type: 'cramp-episode';
  cramp: CrampEpisodeDetail;
}

/** Discriminated on `type`: each type carries exactly the tests and details it uses. */
export type Finding =
  | MuscleImbalanceFinding
  | FacetJointFinding
  | DiscIrritationFinding
  | ParaspinalSpasmFinding
  | CrampEpisodeFinding;

/** The finding shape for one type, e.g. `FindingOfType<'disc-irritation'>`. */
export type FindingOfType<T extends FindingType> = Extract<Finding, { type: T }>;

/** The tests a finding carries, as entries, for code that treats all findings alike. */
export function findingTestEntries(finding: Finding): [TestKey, TestValue][] {
  switch (finding.type) {
    case 'facet-joint':
      return FACET_TEST_KEYS.map((k) => [k, finding.tests[k]]);
    case 'disc-irritation':
      return DISC_TEST_KEYS.map((k) => [k, finding.tests[k]]);
    case 'paraspinal-spasm':
      return SPASM_TEST_KEYS.map((k) => [k, finding.tests[k]]);
    case 'muscle-imbalance':
    case 'cramp-episode':
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Neurological exam
// ---------------------------------------------------------------------------------------------

export const MRC_MIN = 0;
export const MRC_MAX = 5;
/** MRC grade: 0 no contraction ... 5 normal power. */
export const MRC_GRADES = [0, 1, 2, 3, 4, 5] as const;

export const MYOTOME_CODES = ['C5', 'C6', 'C7', 'C8', 'T1', 'L2', 'L3', 'L4', 'L5', 'S1'] as const;
export type MyotomeCode = (typeof MYOTOME_CODES)[number];

export const MYOTOME_MOVEMENTS = [
  'shoulder-abduction',
  'wrist-extension',
  'elbow-extension',
  'finger-flexion',
  'finger-abduction',
  'hip-flexion',
  'knee-extension',
  'ankle-dorsiflexion',
  'big-toe-extension',
  'plantarflexion',
] as const;
export type MyotomeMovement = (typeof MYOTOME_MOVEMENTS)[number];

export interface MyotomeDefinition {
  code: MyotomeCode;
  movement: MyotomeMovement;
  limb: 'upper' | 'lower';
}

export const MYOTOMES: readonly MyotomeDefinition[] = [
  { code: 'C5', movement: 'shoulder-abduction', limb: 'upper' },
  { code: 'C6', movement: 'wrist-extension', limb: 'upper' },
  { code: 'C7', movement: 'elbow-extension', limb: 'upper' },
  { code: 'C8', movement: 'finger-flexion', limb: 'upper' },
  { code: 'T1', movement: 'finger-abduction', limb: 'upper' },
  { code: 'L2', movement: 'hip-flexion', limb: 'lower' },
  { code: 'L3', movement: 'knee-extension', limb: 'lower' },
  { code: 'L4', movement: 'ankle-dorsiflexion', limb: 'lower' },
  { code: 'L5', movement: 'big-toe-extension', limb: 'lower' },
  { code: 'S1', movement: 'plantarflexion', limb: 'lower' },
];

/** MRC 0–5 per side; null = not tested. */
export interface SidedGrade {
  left: number | null;
  right: number | null;
}
export type Myotomes = Record<MyotomeCode, SidedGrade>;

export const REFLEX_CODES = ['biceps', 'triceps', 'knee', 'ankle'] as const;
export type ReflexCode = (typeof REFLEX_CODES)[number];

export const REFLEX_ROOTS: Readonly<Record<ReflexCode, readonly NerveRoot[]>> = {
  biceps: ['C5', 'C6'],
  triceps: ['C7', 'C8'],
  knee: ['L3', 'L4'],
  ankle: ['S1'],
};

/** Strings, not numbers, because clinicians write and read them as "2+". 2+ is normal. */
export const REFLEX_GRADES = ['0', '1+', '2+', '3+', '4+'] as const;
export type ReflexGrade = (typeof REFLEX_GRADES)[number];
export const NORMAL_REFLEX_GRADE: ReflexGrade = '2+';

export interface SidedReflex {
  left: ReflexGrade | null;
  right: ReflexGrade | null;
}
export type Reflexes = Record<ReflexCode, SidedReflex>;

export const DERMATOME_CODES = ['C5', 'C6', 'C7', 'C8', 'T1', 'L2', 'L3', 'L4', 'L5', 'S1'] as const;
export type DermatomeCode = (typeof DERMATOME_CODES)[number];

/** Where to test each dermatome, in plain words for the form. */
export const DERMATOME_AREAS: Readonly<Record<DermatomeCode, string>> = {
  C5: 'outer upper arm',
  C6: 'thumb side of the forearm and the thumb',
  C7: 'middle finger',
  C8: 'little finger',
  T1: 'inner forearm near the elbow',
  L2: 'front of the upper thigh',
  L3: 'inner knee',
  L4: 'inner shin and ankle',
  L5: 'top of the foot and the big toe',
  S1: 'outer foot and the little toe',
};

export const SENSATION_RESULTS = ['intact', 'reduced', 'absent', 'altered'] as const;
export type Sensation = (typeof SENSATION_RESULTS)[number];

export interface SidedSensation {
  left: Sensation | null;
  right: Sensation | null;
}
export type Dermatomes = Record<DermatomeCode, SidedSensation>;

export interface SidedResult {
  left: TestResult;
  right: TestResult;
}

/** 'not-tested' is explicit here too; unsteady or spastic gait counts as a cord sign. */
export const GAIT_RESULTS = ['not-tested', 'normal', 'antalgic', 'unsteady', 'spastic', 'other'] as const;
export type GaitResult = (typeof GAIT_RESULTS)[number];

export interface CordScreen {
  hoffmann: SidedResult;
  babinski: SidedResult;
  clonus: SidedResult;
  gait: GaitResult;
  gaitNote: string;
}

export interface NeuroExam {
  myotomes: Myotomes;
  reflexes: Reflexes;
  dermatomes: Dermatomes;
  cordScreen: CordScreen;
}

// ---------------------------------------------------------------------------------------------
// Cramp profile
// ---------------------------------------------------------------------------------------------

export const CRAMP_SITES = [
  'calf',
  'foot',
  'hamstring',
  'forearm',
  'hand',
  'paraspinal-cervical',
  'paraspinal-thoracic',
  'paraspinal-lumbar',
  'shoulder-girdle',
  'hip-girdle-buttock',
] as const;
export type CrampSite = (typeof CRAMP_SITES)[number];

export const CRAMP_TIMINGS = ['night-in-bed', 'during-exercise', 'after-exercise', 'at-rest'] as const;
export type CrampTiming = (typeof CRAMP_TIMINGS)[number];

export const CRAMP_TRIGGERS = ['fatigue', 'dehydration', 'long-posture'] as const;
export type CrampTrigger = (typeof CRAMP_TRIGGERS)[number];

export interface CrampSiteEntry {
  site: CrampSite;
  side: Side | null;
}

export const EPISODES_PER_WEEK_MAX = 100;
export const CRAMP_MINUTES_MAX = 240;
/** A cramp lasting longer than this is an urgent sign (DOMAIN section 2). */
export const LONG_CRAMP_MINUTES = 10;

export interface CrampProfile {
  sites: CrampSiteEntry[];
  timing: CrampTiming[];
  /** Also the "cramp episodes per week" outcome measure; stored once, here. */
  episodesPerWeek: number | null;
  longestEpisodeMinutes: number | null;
  triggers: CrampTrigger[];
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Secondary-cause screen
// ---------------------------------------------------------------------------------------------

/** Tri-state so an unasked question is never read as "no". */
export const SCREEN_ANSWERS = ['not-asked', 'no', 'yes'] as const;
export type ScreenAnswer = (typeof SCREEN_ANSWERS)[number];

/** Medicines linked with cramp (DOMAIN section 1, including the public-list additions). */
export const MEDICINES = [
  'diuretic',
  'statin',
  'nicotinic-acid',
  'raloxifene',
  'nifedipine',
  'salbutamol',
  'teriparatide',
] as const;
export type Medicine = (typeof MEDICINES)[number];

export const NEURO_CONDITIONS = [
  'multiple-sclerosis',
  'motor-neurone-disease',
  'peripheral-neuropathy',
  'other',
] as const;
export type NeuroCondition = (typeof NEURO_CONDITIONS)[number];

export const TOXINS = ['lead', 'mercury'] as const;
export type Toxin = (typeof TOXINS)[number];

export const RED_FLAG_KEYS = [
  'saddleNumbness',
  'bladderChange',
  'bowelChange',
  'bothLegsWeak',
  'erectionChange',
  'spasmAfterWound',
  'oneLegSwollenHot',
] as const;
export type RedFlagKey = (typeof RED_FLAG_KEYS)[number];
export type RedFlagAnswers = Record<RedFlagKey, ScreenAnswer>;

export interface RedFlagQuestion {
  question: string;
  /** What a 'yes' means; screen-alerts.ts turns it into the action. */
  level: 'emergency' | 'urgent';
  group: 'cauda-equina' | 'tetanus' | 'dvt';
}

export const RED_FLAG_QUESTIONS: Readonly<Record<RedFlagKey, RedFlagQuestion>> = {
  saddleNumbness: {
    question: 'Numbness or tingling around the genitals, buttocks or inner thighs, or changed feeling when wiping?',
    level: 'emergency', group: 'cauda-equina',
  },
  bladderChange: {
    question: 'New difficulty passing urine, leaking, or not knowing if the bladder is full?',
    level: 'emergency', group: 'cauda-equina',
  },
  bowelChange: { question: 'New loss of bowel control?', level: 'emergency', group: 'cauda-equina' },
  bothLegsWeak: { question: 'Weakness, numbness or sciatica in both legs?', level: 'emergency', group: 'cauda-equina' },
  erectionChange: { question: 'New erection problems?', level: 'emergency', group: 'cauda-equina' },
  spasmAfterWound: {
    question: 'Severe stiffness or spasms (such as a locked jaw) after a cut or wound?',
    level: 'emergency', group: 'tetanus',
  },
  oneLegSwollenHot: {
    question: 'One calf or thigh swollen, warm, red or darkened, throbbing or cramping?',
    level: 'urgent', group: 'dvt',
  },
};

export interface SecondaryScreen {
  takesMedicines: ScreenAnswer;
  medicines: Medicine[];
  /** Anything not on the list, as the patient names it. */
  otherMedicines: string;
  /** "On a statin with new, unexplained muscle pain, weakness or cramps, yellow skin/eyes or dark urine?" */
  statinNewMuscleSymptoms: ScreenAnswer;
  pregnant: ScreenAnswer;
  /** 1–3; only when pregnant is 'yes'. */
  trimester: number | null;
  neurologicalCondition: ScreenAnswer;
  neurologicalConditions: NeuroCondition[];
  liverDisease: ScreenAnswer;
  kidneyDisease: ScreenAnswer;
  toxinExposure: ScreenAnswer;
  toxins: Toxin[];
  /** A doctor has told the patient to limit fluids (e.g. heart failure, kidney disease). */
  fluidRestriction: ScreenAnswer;
  redFlags: RedFlagAnswers;
  note: string;
}

// ---------------------------------------------------------------------------------------------
// SOAP notes, body chart, outcome answers, whole exam
// ---------------------------------------------------------------------------------------------

export interface SoapNotes {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

export const BODY_VIEWS = ['front', 'back'] as const;
export type BodyView = (typeof BODY_VIEWS)[number];

export const BODY_REGION_IDS = [
  'head', 'neck', 'shoulder', 'upper-arm', 'elbow', 'forearm', 'hand',
  'chest', 'abdomen', 'upper-back', 'mid-back', 'low-back', 'buttock', 'hip', 'groin',
  'front-thigh', 'back-thigh', 'knee', 'shin', 'calf', 'ankle', 'foot',
] as const;
export type BodyRegionId = (typeof BODY_REGION_IDS)[number];

export interface BodyRegionDefinition {
  id: BodyRegionId;
  views: readonly BodyView[];
  /** Midline regions may be marked 'central'; paired regions take left, right or bilateral. */
  midline: boolean;
}

/** The SVG outlines draw one shape per region id and view listed here (ids match SVG ids). */
export const BODY_REGIONS: readonly BodyRegionDefinition[] = [
  { id: 'head', views: ['front', 'back'], midline: true },
  { id: 'neck', views: ['front', 'back'], midline: true },
  { id: 'shoulder', views: ['front', 'back'], midline: false },
  { id: 'upper-arm', views: ['front', 'back'], midline: false },
  { id: 'elbow', views: ['front', 'back'], midline: false },
  { id: 'forearm', views: ['front', 'back'], midline: false },
  { id: 'hand', views: ['front', 'back'], midline: false },
  { id: 'chest', views: ['front'], midline: true },
  { id: 'abdomen', views: ['front'], midline: true },
  { id: 'upper-back', views: ['back'], midline: true },
  { id: 'mid-back', views: ['back'], midline: true },
  { id: 'low-back', views: ['back'], midline: true },
  { id: 'buttock', views: ['back'], midline: false },
  { id: 'hip', views: ['front'], midline: false },
  { id: 'groin', views: ['front'], midline: false },
  { id: 'front-thigh', views: ['front'], midline: false },
  { id: 'back-thigh', views: ['back'], midline: false },
  { id: 'knee', views: ['front', 'back'], midline: false },
  { id: 'shin', views: ['front'], midline: false },
  { id: 'calf', views: ['back'], midline: false },
  { id: 'ankle', views: ['front', 'back'], midline: false },
  { id: 'foot', views: ['front', 'back'], midline: false },
];

export const BODY_SYMPTOMS = ['pain', 'cramp', 'spasm', 'numbness', 'pins-and-needles'] as const;
export type BodySymptom = (typeof BODY_SYMPTOMS)[number];

export interface BodyMark {
  regionId: BodyRegionId;
  side: Side;
  view: BodyView;
  symptom: BodySymptom;
}

export interface BodyChart {
  marks: BodyMark[];
}

/** Where each cramp site is drawn, so the chart follows the cramp profile. */
export const CRAMP_SITE_BODY_REGION: Readonly<Record<CrampSite, { regionId: BodyRegionId; view: BodyView }>> = {
  calf: { regionId: 'calf', view: 'back' },
  foot: { regionId: 'foot', view: 'front' },
  hamstring: { regionId: 'back-thigh', view: 'back' },
  forearm: { regionId: 'forearm', view: 'front' },
  hand: { regionId: 'hand', view: 'front' },
  'paraspinal-cervical': { regionId: 'neck', view: 'back' },
  'paraspinal-thoracic': { regionId: 'mid-back', view: 'back' },
  'paraspinal-lumbar': { regionId: 'low-back', view: 'back' },
  'shoulder-girdle': { regionId: 'shoulder', view: 'back' },
  'hip-girdle-buttock': { regionId: 'buttock', view: 'back' },
};

/** Cramp marks drawn from the cramp sites; a site without a side yet is not drawn. */
export function bodyMarksForCrampSites(sites: readonly CrampSiteEntry[]): BodyMark[] {
  const marks: BodyMark[] = [];
  for (const { site, side } of sites) {
    if (side === null) continue;
    const { regionId, view } = CRAMP_SITE_BODY_REGION[site];
    if (!marks.some((m) => m.regionId === regionId && m.side === side && m.view === view)) {
      marks.push({ regionId, side, view, symptom: 'cramp' });
    }
  }
  return marks;
}

/**
 * Keeps the chart in step with the cramp profile: cramp marks are replaced by the ones the sites
 * imply, every other mark is kept as the clinician drew it. Returns a new chart.
 */
export function syncBodyChartWithCrampSites(chart: BodyChart, sites: readonly CrampSiteEntry[]): BodyChart {
  return {
    marks: [...chart.marks.filter((m) => m.symptom !== 'cramp'), ...bodyMarksForCrampSites(sites)],
  };
}

export const BOURNEMOUTH_VERSIONS = ['back', 'neck'] as const;
export type BournemouthVersion = (typeof BOURNEMOUTH_VERSIONS)[number];
export const BOURNEMOUTH_ITEM_COUNT = 7;
export const PSFS_MAX_ACTIVITIES = 5;

export interface BournemouthAnswers {
  version: BournemouthVersion | null;
  /** Exactly 7 entries, each 0–10 or null when unanswered. */
  items: (number | null)[];
}

export interface PsfsActivity {
  activity: string;
  /** 0 = cannot do, 10 = as before; null when unanswered. */
  score: number | null;
}

/** Raw answers; scores are computed by outcomes.ts. Cramp episodes are in `crampProfile`. */
export interface OutcomeAnswers {
  nprs: number | null;
  bournemouth: BournemouthAnswers;
  psfs: PsfsActivity[];
}

export const EXAM_SCHEMA_VERSION = 1;

/** The whole structured exam for one visit (the JSON the API stores and returns). */
export interface ExamContent {
  /** Bumped on any incompatible change, so stored drafts and visits can be migrated. */
  schemaVersion: 1;
  crampProfile: CrampProfile;
  findings: Finding[];
  neuro: NeuroExam;
  screen: SecondaryScreen;
  soap: SoapNotes;
  bodyChart: BodyChart;
  outcomes: OutcomeAnswers;
}

// ---------------------------------------------------------------------------------------------
// Empty values
// ---------------------------------------------------------------------------------------------

function recordOf<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  // Object.fromEntries widens keys to string; every key in `keys` is present, so the cast holds.
  return Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, V>;
}

export function notTested(): TestValue {
  return { result: 'not-tested', angleDeg: null };
}

/**
 * A new finding row of the given type with every test 'not-tested'. The caller supplies the id
 * (e.g. crypto.randomUUID()) so this stays pure and testable.
 */
export function emptyFinding<T extends FindingType>(type: T, id: string): FindingOfType<T>;
export function emptyFinding(type: FindingType, id: string): Finding {
  const base = { id, region: null, segment: null, nerveRoot: null, side: null, note: '' };
  switch (type) {
    case 'facet-joint':
      return { ...base, type, tests: recordOf(FACET_TEST_KEYS, notTested) };
    case 'disc-irritation':
      return { ...base, type, tests: recordOf(DISC_TEST_KEYS, notTested) };
    case 'paraspinal-spasm':
      return { ...base, type, tests: recordOf(SPASM_TEST_KEYS, notTested) };
    case 'muscle-imbalance':
      return {
        ...base,
        type,
        imbalance: {
          testUsed: null,
          testUsedOther: '',
          testResult: notTested(),
          weakMuscle: '',
          overactiveMuscle: '',
          relation: null,
          strengthGrade: null,
          crampedMuscle: '',
        },
      };
    case 'cramp-episode':
      return { ...base, type, cramp: { muscle: '', durationMinutes: null, context: '' } };
  }
}

export function emptyNeuroExam(): NeuroExam {
  return {
    myotomes: recordOf(MYOTOME_CODES, () => ({ left: null, right: null })),
    reflexes: recordOf(REFLEX_CODES, () => ({ left: null, right: null })),
    dermatomes: recordOf(DERMATOME_CODES, () => ({ left: null, right: null })),
    cordScreen: {
      hoffmann: { left: 'not-tested', right: 'not-tested' },
      babinski: { left: 'not-tested', right: 'not-tested' },
      clonus: { left: 'not-tested', right: 'not-tested' },
      gait: 'not-tested',
      gaitNote: '',
    },
  };
}

export function emptyScreen(): SecondaryScreen {
  return {
    takesMedicines: 'not-asked',
    medicines: [],
    otherMedicines: '',
    statinNewMuscleSymptoms: 'not-asked',
    pregnant: 'not-asked',
    trimester: null,
    neurologicalCondition: 'not-asked',
    neurologicalConditions: [],
    liverDisease: 'not-asked',
    kidneyDisease: 'not-asked',
    toxinExposure: 'not-asked',
    toxins: [],
    fluidRestriction: 'not-asked',
    redFlags: recordOf(RED_FLAG_KEYS, (): ScreenAnswer => 'not-asked'),
    note: '',
  };
}

/** A blank exam: nothing tested, nothing asked, nothing scored. Always a fresh object. */
export function emptyExam(): ExamContent {
  return {
    schemaVersion: 1,
    crampProfile: {
      sites: [],
      timing: [],
      episodesPerWeek: null,
      longestEpisodeMinutes: null,
      triggers: [],
      note: '',
    },
    findings: [],
    neuro: emptyNeuroExam(),
    screen: emptyScreen(),
    soap: { subjective: '', objective: '', assessment: '', plan: '' },
    bodyChart: { marks: [] },
    outcomes: {
      nprs: null,
      bournemouth: { version: null, items: Array.from({ length: BOURNEMOUTH_ITEM_COUNT }, () => null) },
      psfs: [],
    },
  };
}

/**
 * "Copy from last visit": the previous findings with fresh ids, ready to edit. Ids are fresh so
 * the new visit never shares row identity with a signed, locked one.
 */
export function copyFindingsForNewVisit(previous: readonly Finding[], newId: (index: number) => string): Finding[] {
  // structuredClone keeps the copy independent of the locked original (Node 17+, all browsers).
  return previous.map((f, i) => ({ ...structuredClone(f), id: newId(i) }));
}

// ---------------------------------------------------------------------------------------------
// Labels: plain words for every code, so the UI never shows a raw code
// ---------------------------------------------------------------------------------------------

function segmentLabel(s: Segment): string {
  if (s === 'Occ/C1') return 'Occiput–C1';
  if (s === 'SIJ') return 'Sacroiliac joint (SIJ)';
  return s;
}

export const LABELS = {
  findingType: {
    'muscle-imbalance': 'Muscle imbalance',
    'facet-joint': 'Facet joint sprain or dysfunction',
    'disc-irritation': 'Disc irritation (suspected nerve root)',
    'paraspinal-spasm': 'Spasm of the muscles beside the spine (paraspinal)',
    'cramp-episode': 'Cramp episode',
  } satisfies Record<FindingType, string>,
  region: {
    cervical: 'Neck (cervical)',
    thoracic: 'Mid back (thoracic)',
    lumbar: 'Low back (lumbar)',
    sacropelvic: 'Pelvis (sacropelvic)',
    'upper-limb': 'Arm (upper limb)',
    'lower-limb': 'Leg (lower limb)',
  } satisfies Record<Region, string>,
  segment: recordOfLabels(SEGMENTS, segmentLabel),
  nerveRoot: recordOfLabels(NERVE_ROOTS, (r) => `${r} nerve root`),
  side: { left: 'Left', right: 'Right', bilateral: 'Both sides', central: 'Central' } satisfies Record<Side, string>,
  testResult: {
    'not-tested': 'Not tested',
    negative: 'Negative',
    positive: 'Positive',
    equivocal: 'Unclear (equivocal)',
  } satisfies Record<TestResult, string>,
  test: recordOfLabels(
    [...FACET_TEST_KEYS, ...DISC_TEST_KEYS] as readonly TestKey[],
    (k) => TEST_DEFINITIONS[k].label,
  ),
  imbalanceTest: {
    bridge: 'Bridge',
    'prone-hip-extension': 'Prone hip extension',
    'side-lying-hip-abduction': 'Side-lying hip abduction',
    'single-leg-stance': 'Single-leg stance',
    squat: 'Squat',
    'scapular-control': 'Shoulder-blade control (scapular)',
    'deep-neck-flexor': 'Deep neck flexor test',
    other: 'Other test',
  } satisfies Record<ImbalanceTest, string>,
  imbalanceRelation: {
    antagonist: 'Weak opposing muscle (antagonist) lets the stronger one spasm',
    agonist: 'Weak main muscle (agonist) makes a helper overwork and cramp',
  } satisfies Record<ImbalanceRelation, string>,
  myotome: {
    C5: 'C5 shoulder abduction',
    C6: 'C6 wrist extension',
    C7: 'C7 elbow extension',
    C8: 'C8 finger flexion',
    T1: 'T1 finger abduction',
    L2: 'L2 hip flexion',
    L3: 'L3 knee extension',
    L4: 'L4 ankle dorsiflexion',
    L5: 'L5 big-toe extension',
    S1: 'S1 plantarflexion',
  } satisfies Record<MyotomeCode, string>,
  myotomeMovement: {
    'shoulder-abduction': 'Lifting the arm out to the side (shoulder abduction)',
    'wrist-extension': 'Bending the wrist back (wrist extension)',
    'elbow-extension': 'Straightening the elbow (elbow extension)',
    'finger-flexion': 'Gripping with the fingers (finger flexion)',
    'finger-abduction': 'Spreading the fingers (finger abduction)',
    'hip-flexion': 'Lifting the thigh (hip flexion)',
    'knee-extension': 'Straightening the knee (knee extension)',
    'ankle-dorsiflexion': 'Pulling the foot up (ankle dorsiflexion)',
    'big-toe-extension': 'Lifting the big toe (big-toe extension)',
    plantarflexion: 'Pointing the foot down (plantarflexion)',
  } satisfies Record<MyotomeMovement, string>,
  mrcGrade: {
    0: '0: no contraction',
    1: '1: flicker of contraction',
    2: '2: moves with gravity removed',
    3: '3: moves against gravity',
    4: '4: moves against some resistance',
    5: '5: normal power',
  } satisfies Record<(typeof MRC_GRADES)[number], string>,
  reflex: {
    biceps: 'Biceps (C5/6)',
    triceps: 'Triceps (C7/8)',
    knee: 'Knee (L3/4)',
    ankle: 'Ankle (S1)',
  } satisfies Record<ReflexCode, string>,
  reflexGrade: {
    '0': '0: absent',
    '1+': '1+: reduced',
    '2+': '2+: normal',
    '3+': '3+: brisk',
    '4+': '4+: very brisk, with clonus',
  } satisfies Record<ReflexGrade, string>,
  dermatome: recordOfLabels(DERMATOME_CODES, (d) => `${d}: ${DERMATOME_AREAS[d]}`),
  sensation: {
    intact: 'Intact',
    reduced: 'Reduced',
    absent: 'Absent',
    altered: 'Altered',
  } satisfies Record<Sensation, string>,
  cordTest: {
    hoffmann: "Hoffmann's sign",
    babinski: 'Babinski (plantar response)',
    clonus: 'Clonus',
  } satisfies Record<'hoffmann' | 'babinski' | 'clonus', string>,
  gait: {
    'not-tested': 'Not tested',
    normal: 'Normal',
    antalgic: 'Limping from pain (antalgic)',
    unsteady: 'Unsteady',
    spastic: 'Stiff, scissoring (spastic)',
    other: 'Other abnormal gait',
  } satisfies Record<GaitResult, string>,
  crampSite: {
    calf: 'Calf',
    foot: 'Foot',
    hamstring: 'Back of the thigh (hamstring)',
    forearm: 'Forearm',
    hand: 'Hand',
    'paraspinal-cervical': 'Beside the spine, neck (paraspinal cervical)',
    'paraspinal-thoracic': 'Beside the spine, mid back (paraspinal thoracic)',
    'paraspinal-lumbar': 'Beside the spine, low back (paraspinal lumbar)',
    'shoulder-girdle': 'Shoulder-girdle muscles',
    'hip-girdle-buttock': 'Hip-girdle and buttock muscles',
  } satisfies Record<CrampSite, string>,
  crampTiming: {
    'night-in-bed': 'At night in bed',
    'during-exercise': 'During exercise',
    'after-exercise': 'After exercise',
    'at-rest': 'At rest',
  } satisfies Record<CrampTiming, string>,
  crampTrigger: {
    fatigue: 'Tired muscles (fatigue)',
    dehydration: 'Not drinking enough (dehydration)',
    'long-posture': 'Holding one position for a long time',
  } satisfies Record<CrampTrigger, string>,
  screenAnswer: { 'not-asked': 'Not asked', no: 'No', yes: 'Yes' } satisfies Record<ScreenAnswer, string>,
  medicine: {
    diuretic: 'Water tablet (diuretic)',
    statin: 'Cholesterol medicine (statin)',
    'nicotinic-acid': 'Nicotinic acid (niacin)',
    raloxifene: 'Raloxifene',
    nifedipine: 'Nifedipine',
    salbutamol: 'Salbutamol (blue reliever inhaler)',
    teriparatide: 'Teriparatide',
  } satisfies Record<Medicine, string>,
  neuroCondition: {
    'multiple-sclerosis': 'Multiple sclerosis (MS)',
    'motor-neurone-disease': 'Motor neurone disease (MND)',
    'peripheral-neuropathy': 'Nerve damage in the hands or feet (peripheral neuropathy)',
    other: 'Other neurological condition',
  } satisfies Record<NeuroCondition, string>,
  toxin: { lead: 'Lead', mercury: 'Mercury' } satisfies Record<Toxin, string>,
  redFlag: recordOfLabels(RED_FLAG_KEYS, (k) => RED_FLAG_QUESTIONS[k].question),
  screenQuestion: {
    takesMedicines: 'Takes any regular medicines?',
    statinNewMuscleSymptoms:
      'On a statin, with new unexplained muscle pain, weakness or cramps, yellow skin or eyes, or dark urine?',
    pregnant: 'Pregnant?',
    neurologicalCondition: 'Has a neurological condition?',
    liverDisease: 'Has liver disease (such as cirrhosis)?',
    kidneyDisease: 'Has kidney disease?',
    toxinExposure: 'Has been in contact with lead or mercury?',
    fluidRestriction: 'Told by a doctor to limit how much they drink?',
  },
  soap: {
    subjective: 'Subjective (what the patient reports)',
    objective: 'Objective (what you found)',
    assessment: 'Assessment',
    plan: 'Plan',
  } satisfies Record<keyof SoapNotes, string>,
  bodyView: { front: 'Front', back: 'Back' } satisfies Record<BodyView, string>,
  bodyRegion: {
    head: 'Head', neck: 'Neck', shoulder: 'Shoulder', 'upper-arm': 'Upper arm', elbow: 'Elbow',
    forearm: 'Forearm', hand: 'Hand and wrist', chest: 'Chest', abdomen: 'Tummy (abdomen)',
    'upper-back': 'Upper back', 'mid-back': 'Mid back', 'low-back': 'Low back', buttock: 'Buttock',
    hip: 'Hip', groin: 'Groin', 'front-thigh': 'Front of the thigh', 'back-thigh': 'Back of the thigh',
    knee: 'Knee', shin: 'Shin', calf: 'Calf', ankle: 'Ankle', foot: 'Foot',
  } satisfies Record<BodyRegionId, string>,
  bodySymptom: {
    pain: 'Pain',
    cramp: 'Cramp',
    spasm: 'Spasm',
    numbness: 'Numbness',
    'pins-and-needles': 'Pins and needles',
  } satisfies Record<BodySymptom, string>,
  bournemouthVersion: { back: 'Back', neck: 'Neck' } satisfies Record<BournemouthVersion, string>,
} as const;

function recordOfLabels<K extends string>(keys: readonly K[], label: (k: K) => string): Record<K, string> {
  // As in recordOf: fromEntries loses the key type, but every key is present by construction.
  return Object.fromEntries(keys.map((k) => [k, label(k)])) as Record<K, string>;
}
