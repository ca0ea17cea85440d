import { type AbstractControl, FormArray, FormControl, FormGroup, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';
import {
  ANGLE_MAX_DEG,
  BOURNEMOUTH_ITEM_COUNT,
  CRAMP_MINUTES_MAX,
  DISC_TEST_KEYS,
  EPISODES_PER_WEEK_MAX,
  FACET_TEST_KEYS,
  PSFS_MAX_ACTIVITIES,
  SPASM_TEST_KEYS,
  emptyFinding,
  notTested,
  type BodyMark,
  type BournemouthVersion,
  type CordScreen,
  type CrampSite,
  type CrampSiteEntry,
  type CrampTiming,
  type CrampTrigger,
  type Dermatomes,
  type ExamContent,
  type Finding,
  type FindingType,
  type GaitResult,
  type ImbalanceRelation,
  type ImbalanceTest,
  type Medicine,
  type Myotomes,
  type NerveRoot,
  type NeuroCondition,
  type PsfsActivity,
  type RedFlagAnswers,
  type Reflexes,
  type Region,
  type ScreenAnswer,
  type Segment,
  type Side,
  type TestKey,
  type TestResult,
  type TestValue,
  type Toxin,
} from '../../../../shared/exam';

/*
 * The exam as a typed reactive form. Its raw value maps one to one onto ExamContent
 * (examFromForm ∘ buildExamForm is the identity, see exam-form.spec.ts).
 *
 * Findings are a discriminated union; a form row cannot change shape when its type select
 * changes, so every row carries every test plus the imbalance and cramp details, and
 * `findingFromForm` keeps only what the row's type uses. Changing a row's type back and forth
 * therefore keeps what was typed, and what is stored is exactly the shape of the type.
 */

/** Text limits, the same as the server's schema (EXAM_LIMITS, which must not enter the bundle). */
export const TEXT_LIMITS = { short: 200, note: 2000, soap: 20000 } as const;

const ALL_TEST_KEYS: readonly TestKey[] = [...FACET_TEST_KEYS, ...DISC_TEST_KEYS];

type Ctl<T> = FormControl<T>;
type ControlsOf<T> = { [K in keyof T]: FormControl<T[K]> };
export type FlatGroup<T> = FormGroup<ControlsOf<T>>;

function ctl<T>(value: T, validators: ValidatorFn[] = []): Ctl<T> {
  return new FormControl<T>(value, { nonNullable: true, validators });
}

/** A group with one control per key of a flat object (values may be arrays, held whole). */
function flatGroup<T extends object>(value: T): FlatGroup<T> {
  const controls: Partial<ControlsOf<T>> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    controls[key] = ctl(structuredClone(value[key]));
  }
  // Every key was filled above.
  return new FormGroup(controls as ControlsOf<T>);
}

function recordGroup<K extends string, G extends AbstractControl>(keys: readonly K[], make: (k: K) => G): FormGroup<Record<K, G>> {
  const controls = {} as Record<K, G>;
  for (const k of keys) controls[k] = make(k);
  return new FormGroup(controls);
}

/** A whole number in [min, max], or empty. Half-typed values stay in the form, not the server. */
export function wholeNumber(min: number, max: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const v: unknown = control.value;
    if (v === null || v === undefined || v === '') return null;
    return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : { wholeNumber: { min, max } };
  };
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type TestValueForm = FormGroup<{ result: Ctl<TestResult>; angleDeg: Ctl<number | null> }>;

export type ImbalanceForm = FormGroup<{
  testUsed: Ctl<ImbalanceTest | null>;
  testUsedOther: Ctl<string>;
  testResult: TestValueForm;
  weakMuscle: Ctl<string>;
  overactiveMuscle: Ctl<string>;
  relation: Ctl<ImbalanceRelation | null>;
  strengthGrade: Ctl<number | null>;
  crampedMuscle: Ctl<string>;
}>;

export type CrampDetailForm = FormGroup<{ muscle: Ctl<string>; durationMinutes: Ctl<number | null>; context: Ctl<string> }>;

export type FindingForm = FormGroup<{
  id: Ctl<string>;
  type: Ctl<FindingType>;
  region: Ctl<Region | null>;
  segment: Ctl<Segment | null>;
  nerveRoot: Ctl<NerveRoot | null>;
  side: Ctl<Side | null>;
  note: Ctl<string>;
  tests: FormGroup<Record<TestKey, TestValueForm>>;
  imbalance: ImbalanceForm;
  cramp: CrampDetailForm;
}>;

export type CrampSiteForm = FormGroup<{ site: Ctl<CrampSite>; side: Ctl<Side | null> }>;

export type CrampProfileForm = FormGroup<{
  sites: FormArray<CrampSiteForm>;
  timing: Ctl<CrampTiming[]>;
  episodesPerWeek: Ctl<number | null>;
  longestEpisodeMinutes: Ctl<number | null>;
  triggers: Ctl<CrampTrigger[]>;
  note: Ctl<string>;
}>;

export type SidedForm<T> = FormGroup<{ left: Ctl<T>; right: Ctl<T> }>;

export type NeuroForm = FormGroup<{
  myotomes: FormGroup<{ [K in keyof Myotomes]: SidedForm<number | null> }>;
  reflexes: FormGroup<{ [K in keyof Reflexes]: SidedForm<Reflexes[K]['left']> }>;
  dermatomes: FormGroup<{ [K in keyof Dermatomes]: SidedForm<Dermatomes[K]['left']> }>;
  cordScreen: FormGroup<{
    hoffmann: SidedForm<TestResult>;
    babinski: SidedForm<TestResult>;
    clonus: SidedForm<TestResult>;
    gait: Ctl<GaitResult>;
    gaitNote: Ctl<string>;
  }>;
}>;

export type ScreenForm = FormGroup<{
  takesMedicines: Ctl<ScreenAnswer>;
  medicines: Ctl<Medicine[]>;
  otherMedicines: Ctl<string>;
  statinNewMuscleSymptoms: Ctl<ScreenAnswer>;
  pregnant: Ctl<ScreenAnswer>;
  trimester: Ctl<number | null>;
  neurologicalCondition: Ctl<ScreenAnswer>;
  neurologicalConditions: Ctl<NeuroCondition[]>;
  liverDisease: Ctl<ScreenAnswer>;
  kidneyDisease: Ctl<ScreenAnswer>;
  toxinExposure: Ctl<ScreenAnswer>;
  toxins: Ctl<Toxin[]>;
  fluidRestriction: Ctl<ScreenAnswer>;
  redFlags: FlatGroup<RedFlagAnswers>;
  note: Ctl<string>;
}>;

export type SoapForm = FormGroup<{ subjective: Ctl<string>; objective: Ctl<string>; assessment: Ctl<string>; plan: Ctl<string> }>;

export type PsfsForm = FormGroup<{ activity: Ctl<string>; score: Ctl<number | null> }>;

export type OutcomesForm = FormGroup<{
  nprs: Ctl<number | null>;
  bournemouth: FormGroup<{ version: Ctl<BournemouthVersion | null>; items: FormArray<Ctl<number | null>> }>;
  psfs: FormArray<PsfsForm>;
}>;

export interface ExamFormControls {
  schemaVersion: Ctl<1>;
  crampProfile: CrampProfileForm;
  findings: FormArray<FindingForm>;
  neuro: NeuroForm;
  screen: ScreenForm;
  soap: SoapForm;
  bodyChart: FormGroup<{ marks: Ctl<BodyMark[]> }>;
  outcomes: OutcomesForm;
}
export type ExamForm = FormGroup<ExamFormControls>;
export type ExamFormValue = ReturnType<ExamForm['getRawValue']>;

// ---------------------------------------------------------------------------------------------
// ExamContent -> form
// ---------------------------------------------------------------------------------------------

function testValueForm(value: TestValue): TestValueForm {
  return new FormGroup({ result: ctl(value.result), angleDeg: ctl(value.angleDeg, [wholeNumber(0, ANGLE_MAX_DEG)]) });
}

function testsOf(f: Finding): Partial<Record<TestKey, TestValue>> {
  return f.type === 'facet-joint' || f.type === 'disc-irritation' || f.type === 'paraspinal-spasm' ? f.tests : {};
}

export function buildFindingForm(f: Finding): FindingForm {
  const tests = testsOf(f);
  const imbalance = f.type === 'muscle-imbalance' ? f.imbalance : emptyFinding('muscle-imbalance', f.id).imbalance;
  const cramp = f.type === 'cramp-episode' ? f.cramp : emptyFinding('cramp-episode', f.id).cramp;
  return new FormGroup({
    id: ctl(f.id),
    type: ctl<FindingType>(f.type),
    region: ctl(f.region),
    segment: ctl(f.segment),
    nerveRoot: ctl(f.nerveRoot),
    side: ctl(f.side),
    note: ctl(f.note, [Validators.maxLength(TEXT_LIMITS.note)]),
    tests: recordGroup(ALL_TEST_KEYS, (k) => testValueForm(tests[k] ?? notTested())),
    imbalance: new FormGroup({
      testUsed: ctl(imbalance.testUsed),
      testUsedOther: ctl(imbalance.testUsedOther, [Validators.maxLength(TEXT_LIMITS.short)]),
      testResult: testValueForm(imbalance.testResult),
      weakMuscle: ctl(imbalance.weakMuscle, [Validators.maxLength(TEXT_LIMITS.short)]),
      overactiveMuscle: ctl(imbalance.overactiveMuscle, [Validators.maxLength(TEXT_LIMITS.short)]),
      relation: ctl(imbalance.relation),
      strengthGrade: ctl(imbalance.strengthGrade),
      crampedMuscle: ctl(imbalance.crampedMuscle, [Validators.maxLength(TEXT_LIMITS.short)]),
    }),
    cramp: new FormGroup({
      muscle: ctl(cramp.muscle, [Validators.maxLength(TEXT_LIMITS.short)]),
      durationMinutes: ctl(cramp.durationMinutes, [wholeNumber(0, CRAMP_MINUTES_MAX)]),
      context: ctl(cramp.context, [Validators.maxLength(TEXT_LIMITS.short)]),
    }),
  });
}

export function buildCrampSiteForm(entry: CrampSiteEntry): CrampSiteForm {
  return new FormGroup({ site: ctl(entry.site), side: ctl(entry.side) });
}

export function buildPsfsForm(a: PsfsActivity): PsfsForm {
  return new FormGroup({
    activity: ctl(a.activity, [Validators.maxLength(TEXT_LIMITS.short)]),
    score: ctl(a.score, [wholeNumber(0, 10)]),
  });
}

function sided<T>(value: { left: T; right: T }): SidedForm<T> {
  return new FormGroup({ left: ctl(value.left), right: ctl(value.right) });
}

function sidedRecord<K extends string, T>(record: Record<K, { left: T; right: T }>): FormGroup<Record<K, SidedForm<T>>> {
  return recordGroup(Object.keys(record) as K[], (k) => sided(record[k]));
}

function cordScreenForm(c: CordScreen): NeuroForm['controls']['cordScreen'] {
  return new FormGroup({
    hoffmann: sided(c.hoffmann),
    babinski: sided(c.babinski),
    clonus: sided(c.clonus),
    gait: ctl(c.gait),
    gaitNote: ctl(c.gaitNote, [Validators.maxLength(TEXT_LIMITS.short)]),
  });
}

/** A fresh form holding `content`. Build a new one rather than patching: rows are keyed by identity. */
export function buildExamForm(content: ExamContent): ExamForm {
  const { crampProfile: cp, screen, soap, outcomes, neuro } = content;
  const screenGroup: ScreenForm = new FormGroup({
    takesMedicines: ctl(screen.takesMedicines),
    medicines: ctl([...screen.medicines]),
    otherMedicines: ctl(screen.otherMedicines, [Validators.maxLength(TEXT_LIMITS.short)]),
    statinNewMuscleSymptoms: ctl(screen.statinNewMuscleSymptoms),
    pregnant: ctl(screen.pregnant),
    trimester: ctl(screen.trimester, [wholeNumber(1, 3)]),
    neurologicalCondition: ctl(screen.neurologicalCondition),
    neurologicalConditions: ctl([...screen.neurologicalConditions]),
    liverDisease: ctl(screen.liverDisease),
    kidneyDisease: ctl(screen.kidneyDisease),
    toxinExposure: ctl(screen.toxinExposure),
    toxins: ctl([...screen.toxins]),
    fluidRestriction: ctl(screen.fluidRestriction),
    redFlags: flatGroup(screen.redFlags),
    note: ctl(screen.note, [Validators.maxLength(TEXT_LIMITS.note)]),
  });

  return new FormGroup<ExamFormControls>({
    schemaVersion: ctl<1>(1),
    crampProfile: new FormGroup({
      sites: new FormArray(cp.sites.map(buildCrampSiteForm)),
      timing: ctl([...cp.timing]),
      episodesPerWeek: ctl(cp.episodesPerWeek, [wholeNumber(0, EPISODES_PER_WEEK_MAX)]),
      longestEpisodeMinutes: ctl(cp.longestEpisodeMinutes, [wholeNumber(0, CRAMP_MINUTES_MAX)]),
      triggers: ctl([...cp.triggers]),
      note: ctl(cp.note, [Validators.maxLength(TEXT_LIMITS.note)]),
    }),
    findings: new FormArray(content.findings.map(buildFindingForm)),
    neuro: new FormGroup({
      myotomes: sidedRecord(neuro.myotomes),
      reflexes: sidedRecord(neuro.reflexes),
      dermatomes: sidedRecord(neuro.dermatomes),
      cordScreen: cordScreenForm(neuro.cordScreen),
    }),
    screen: screenGroup,
    soap: new FormGroup({
      subjective: ctl(soap.subjective, [Validators.maxLength(TEXT_LIMITS.soap)]),
      objective: ctl(soap.objective, [Validators.maxLength(TEXT_LIMITS.soap)]),
      assessment: ctl(soap.assessment, [Validators.maxLength(TEXT_LIMITS.soap)]),
      plan: ctl(soap.plan, [Validators.maxLength(TEXT_LIMITS.soap)]),
    }),
    bodyChart: new FormGroup({ marks: ctl(content.bodyChart.marks.map((m) => ({ ...m }))) }),
    outcomes: new FormGroup({
      nprs: ctl(outcomes.nprs, [wholeNumber(0, 10)]),
      bournemouth: new FormGroup({
        version: ctl(outcomes.bournemouth.version),
        items: new FormArray(
          Array.from({ length: BOURNEMOUTH_ITEM_COUNT }, (_, i) => ctl(outcomes.bournemouth.items[i] ?? null, [wholeNumber(0, 10)])),
        ),
      }),
      psfs: new FormArray(outcomes.psfs.slice(0, PSFS_MAX_ACTIVITIES).map(buildPsfsForm)),
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// form -> ExamContent
// ---------------------------------------------------------------------------------------------

type FindingValue = ReturnType<FindingForm['getRawValue']>;

function pick<K extends TestKey>(keys: readonly K[], tests: FindingValue['tests']): Record<K, TestValue> {
  const out = {} as Record<K, TestValue>;
  for (const k of keys) out[k] = { result: tests[k].result, angleDeg: tests[k].angleDeg };
  return out;
}

export function findingFromForm(v: FindingValue): Finding {
  const base = { id: v.id, region: v.region, segment: v.segment, nerveRoot: v.nerveRoot, side: v.side, note: v.note };
  switch (v.type) {
    case 'facet-joint':
      return { ...base, type: v.type, tests: pick(FACET_TEST_KEYS, v.tests) };
    case 'disc-irritation':
      return { ...base, type: v.type, tests: pick(DISC_TEST_KEYS, v.tests) };
    case 'paraspinal-spasm':
      return { ...base, type: v.type, tests: pick(SPASM_TEST_KEYS, v.tests) };
    case 'muscle-imbalance':
      return { ...base, type: v.type, imbalance: { ...v.imbalance, testResult: { ...v.imbalance.testResult } } };
    case 'cramp-episode':
      return { ...base, type: v.type, cramp: { ...v.cramp } };
  }
}

/** The ExamContent a form value stands for: a new object, sharing nothing with the form. */
export function examFromForm(v: ExamFormValue): ExamContent {
  return structuredClone({
    schemaVersion: 1,
    crampProfile: v.crampProfile,
    findings: v.findings.map(findingFromForm),
    neuro: v.neuro,
    screen: v.screen,
    soap: v.soap,
    bodyChart: v.bodyChart,
    outcomes: v.outcomes,
  });
}

/** Id for a new finding row: letters, digits and '-' only, as the schema asks. */
export function newRowId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `f-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Element id of the control at a JSON Pointer into ExamContent ('/findings/0/region' -> 'exam-findings-0-region'). */
export function fieldElementId(path: string): string {
  return 'exam' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
}

/** Server field keys are dotted ('content.findings.0.region'); turns one into a JSON Pointer. */
export function pointerFromServerField(field: string): string {
  return '/' + field.replace(/^content\.?/, '').split('.').filter((p) => p !== '').join('/');
}
