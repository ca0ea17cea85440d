import {
  BODY_SYMPTOMS, BOURNEMOUTH_VERSIONS, CRAMP_SITES, CRAMP_TIMINGS, CRAMP_TRIGGERS, DERMATOME_CODES, FINDING_TYPES, GAIT_RESULTS,
  IMBALANCE_RELATIONS, IMBALANCE_TESTS, LABELS, MEDICINES, MRC_GRADES, MYOTOME_CODES, NERVE_ROOTS, NEURO_CONDITIONS, RED_FLAG_KEYS,
  REFLEX_CODES, REFLEX_GRADES, REGIONS, SCREEN_ANSWERS, SENSATION_RESULTS, SIDES, TEST_RESULTS, TOXINS,
} from '../../../../shared/exam';

export interface Option<T> {
  value: T;
  label: string;
}

function options<T extends string | number>(values: readonly T[], labels: Readonly<Record<T, string>>): readonly Option<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** Every choice the form offers, with its plain-words label, computed once. */
export const OPTIONS = {
  findingType: options(FINDING_TYPES, LABELS.findingType),
  region: options(REGIONS, LABELS.region),
  nerveRoot: NERVE_ROOTS.map((value) => ({ value, label: value })),
  side: options(SIDES, LABELS.side),
  pairedSide: options(['left', 'right', 'bilateral'] as const, LABELS.side),
  testResult: options(TEST_RESULTS, LABELS.testResult),
  imbalanceTest: options(IMBALANCE_TESTS, LABELS.imbalanceTest),
  imbalanceRelation: options(IMBALANCE_RELATIONS, LABELS.imbalanceRelation),
  mrc: MRC_GRADES.map((value) => ({ value, label: LABELS.mrcGrade[value] })),
  myotome: options(MYOTOME_CODES, LABELS.myotome),
  reflex: options(REFLEX_CODES, LABELS.reflex),
  reflexGrade: options(REFLEX_GRADES, LABELS.reflexGrade),
  dermatome: options(DERMATOME_CODES, LABELS.dermatome),
  sensation: options(SENSATION_RESULTS, LABELS.sensation),
  gait: options(GAIT_RESULTS, LABELS.gait),
  crampSite: options(CRAMP_SITES, LABELS.crampSite),
  crampTiming: options(CRAMP_TIMINGS, LABELS.crampTiming),
  crampTrigger: options(CRAMP_TRIGGERS, LABELS.crampTrigger),
  screenAnswer: options(SCREEN_ANSWERS, LABELS.screenAnswer),
  medicine: options(MEDICINES, LABELS.medicine),
  neuroCondition: options(NEURO_CONDITIONS, LABELS.neuroCondition),
  toxin: options(TOXINS, LABELS.toxin),
  redFlag: options(RED_FLAG_KEYS, LABELS.redFlag),
  bodySymptom: options(BODY_SYMPTOMS, LABELS.bodySymptom),
  bournemouthVersion: options(BOURNEMOUTH_VERSIONS, LABELS.bournemouthVersion),
  zeroToTen: Array.from({ length: 11 }, (_, i) => i),
} as const;

/** Short labels for the four-way test toggle, which has little room. */
export const TEST_RESULT_SHORT = {
  'not-tested': 'Not tested',
  negative: 'Neg',
  positive: 'Pos',
  equivocal: 'Unclear',
} as const;
