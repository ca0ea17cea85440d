/**
 * TypeBox schemas for the exam payload (the body of a visit's exam and of its draft).
 *
 * Kept apart from exam-model.ts so browser code can use the codes and types without bundling a
 * validator. The hand-written types in exam-model.ts are the ones to import in app code; the
 * Static types exported here are proved identical to them at compile time (see the end of file),
 * so the schema and the model cannot drift apart silently.
 *
 * Limits are generous for real notes but bounded so one request cannot store megabytes.
 * Every object has `additionalProperties: false`: an unknown field is a client bug or an attack,
 * and silently dropping it would lose what the clinician typed.
 *
 * Server note: Fastify's default Ajv coerces types and strips unknown fields (`coerceTypes`,
 * `removeAdditional`). The nullable fields below are shaped so coercion cannot turn null into 0,
 * but to actually reject unknown fields, validate with `validateExamContent` (or register
 * `TypeBoxValidatorCompiler` from @fastify/type-provider-typebox, which does not convert bodies).
 */
import { Type, type Static, type TObject, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import {
  ANGLE_MAX_DEG,
  BODY_REGION_IDS,
  BODY_SYMPTOMS,
  BODY_VIEWS,
  BOURNEMOUTH_ITEM_COUNT,
  BOURNEMOUTH_VERSIONS,
  CRAMP_MINUTES_MAX,
  CRAMP_SITES,
  CRAMP_TIMINGS,
  CRAMP_TRIGGERS,
  DERMATOME_CODES,
  DISC_TEST_KEYS,
  EPISODES_PER_WEEK_MAX,
  FACET_TEST_KEYS,
  FINDING_TYPES,
  GAIT_RESULTS,
  IMBALANCE_RELATIONS,
  IMBALANCE_TESTS,
  MEDICINES,
  MRC_MAX,
  MRC_MIN,
  MYOTOME_CODES,
  NERVE_ROOTS,
  NEURO_CONDITIONS,
  PSFS_MAX_ACTIVITIES,
  RED_FLAG_KEYS,
  REFLEX_CODES,
  REFLEX_GRADES,
  REGIONS,
  SCREEN_ANSWERS,
  SEGMENTS,
  SENSATION_RESULTS,
  SIDES,
  SPASM_TEST_KEYS,
  TEST_RESULTS,
  TOXINS,
  type BodyChart,
  type CordScreen,
  type CrampProfile,
  type ExamContent,
  type Finding,
  type FindingType,
  type NeuroExam,
  type OutcomeAnswers,
  type SecondaryScreen,
  type SoapNotes,
  type TestValue,
} from './exam-model';

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

export const EXAM_LIMITS = {
  /** Names: muscles, medicines, activities, test names. */
  shortText: 200,
  /** Free-text notes beside a section or finding. */
  noteText: 2000,
  /** Each SOAP section. */
  soapText: 20000,
  findings: 60,
  crampSites: 20,
  bodyMarks: 100,
  idLength: 64,
} as const;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const closed = { additionalProperties: false } as const;

/**
 * One of the codes, or null. A single `enum` that lists null, not anyOf with a null branch, for
 * the same reason as NullableInteger: Ajv's null coercion would quietly turn "" or 0 into null.
 */
const NullableEnum = <const V extends string>(values: readonly V[]) =>
  Type.Unsafe<V | null>({ enum: [...values, null] });

/**
 * A whole number in a range, or null. One schema with `type: ['integer', 'null']` rather than
 * anyOf: under Ajv with `coerceTypes` (Fastify's default) the anyOf form turns null into 0, so an
 * untested MRC grade would be stored as "no contraction". With a type list Ajv coerces nothing
 * when one of the types already matches.
 */
const NullableInteger = (range: { minimum: number; maximum: number }) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...range });
const ShortText = () => Type.String({ maxLength: EXAM_LIMITS.shortText });
const NoteText = () => Type.String({ maxLength: EXAM_LIMITS.noteText });
/** An array of enumerated codes in which each code may appear once (a set of ticked boxes). */
const CodeSet = <const V extends string[]>(values: readonly [...V]) =>
  Type.Array(Type.Enum(values), { uniqueItems: true, maxItems: values.length });

/**
 * An object with one property per code, all of the same schema. Written out by hand it would be
 * 30 identical lines per section; `Object.fromEntries` loses the key type, hence the one cast,
 * which the compile-time equality checks at the end of the file back up.
 */
function objectOfKeys<const K extends string, S extends TSchema>(keys: readonly K[], schema: S): TObject<Record<K, S>> {
  const properties = Object.fromEntries(keys.map((k) => [k, schema])) as Record<K, S>;
  return Type.Object(properties, closed);
}

/** MRC 0–5 or null (not tested). */
const NullableMrc = () => NullableInteger({ minimum: MRC_MIN, maximum: MRC_MAX });
/** A 0–10 answer (NPRS, Bournemouth item, PSFS activity) or null (unanswered). */
const NullableScore = () => NullableInteger({ minimum: 0, maximum: 10 });

export const FindingTypeSchema = Type.Enum(FINDING_TYPES);
export const RegionSchema = Type.Enum(REGIONS);
export const SegmentSchema = Type.Enum(SEGMENTS);
export const NerveRootSchema = Type.Enum(NERVE_ROOTS);
export const SideSchema = Type.Enum(SIDES);
export const TestResultSchema = Type.Enum(TEST_RESULTS);
export const ScreenAnswerSchema = Type.Enum(SCREEN_ANSWERS);

export const TestValueSchema = Type.Object(
  {
    result: TestResultSchema,
    angleDeg: NullableInteger({ minimum: 0, maximum: ANGLE_MAX_DEG }),
  },
  closed,
);

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

const FindingIdSchema = Type.String({ minLength: 1, maxLength: EXAM_LIMITS.idLength, pattern: '^[A-Za-z0-9_-]+$' });

const findingBase = {
  id: FindingIdSchema,
  region: NullableEnum(REGIONS),
  segment: NullableEnum(SEGMENTS),
  nerveRoot: NullableEnum(NERVE_ROOTS),
  side: NullableEnum(SIDES),
  note: NoteText(),
};

export const FacetJointFindingSchema = Type.Object(
  { ...findingBase, type: Type.Literal('facet-joint'), tests: objectOfKeys(FACET_TEST_KEYS, TestValueSchema) },
  closed,
);

export const DiscIrritationFindingSchema = Type.Object(
  { ...findingBase, type: Type.Literal('disc-irritation'), tests: objectOfKeys(DISC_TEST_KEYS, TestValueSchema) },
  closed,
);

export const ParaspinalSpasmFindingSchema = Type.Object(
  { ...findingBase, type: Type.Literal('paraspinal-spasm'), tests: objectOfKeys(SPASM_TEST_KEYS, TestValueSchema) },
  closed,
);

export const MuscleImbalanceDetailSchema = Type.Object(
  {
    testUsed: NullableEnum(IMBALANCE_TESTS),
    testUsedOther: ShortText(),
    testResult: TestValueSchema,
    weakMuscle: ShortText(),
    overactiveMuscle: ShortText(),
    relation: NullableEnum(IMBALANCE_RELATIONS),
    strengthGrade: NullableMrc(),
    crampedMuscle: ShortText(),
  },
  closed,
);

export const MuscleImbalanceFindingSchema = Type.Object(
  { ...findingBase, type: Type.Literal('muscle-imbalance'), imbalance: MuscleImbalanceDetailSchema },
  closed,
);

export const CrampEpisodeDetailSchema = Type.Object(
  {
    muscle: ShortText(),
    durationMinutes: NullableInteger({ minimum: 0, maximum: CRAMP_MINUTES_MAX }),
    context: ShortText(),
  },
  closed,
);

export const CrampEpisodeFindingSchema = Type.Object(
  { ...findingBase, type: Type.Literal('cramp-episode'), cramp: CrampEpisodeDetailSchema },
  closed,
);

/** anyOf over the five shapes; the `type` literal makes exactly one branch match. */
export const FindingSchema = Type.Union([
  MuscleImbalanceFindingSchema,
  FacetJointFindingSchema,
  DiscIrritationFindingSchema,
  ParaspinalSpasmFindingSchema,
  CrampEpisodeFindingSchema,
]);

// ---------------------------------------------------------------------------------------------
// Neuro
// ---------------------------------------------------------------------------------------------

const SidedGradeSchema = Type.Object({ left: NullableMrc(), right: NullableMrc() }, closed);
const SidedReflexSchema = Type.Object({ left: NullableEnum(REFLEX_GRADES), right: NullableEnum(REFLEX_GRADES) }, closed);
const SidedSensationSchema = Type.Object({ left: NullableEnum(SENSATION_RESULTS), right: NullableEnum(SENSATION_RESULTS) }, closed);
const SidedResultSchema = Type.Object({ left: TestResultSchema, right: TestResultSchema }, closed);

export const CordScreenSchema = Type.Object(
  {
    hoffmann: SidedResultSchema,
    babinski: SidedResultSchema,
    clonus: SidedResultSchema,
    gait: Type.Enum(GAIT_RESULTS),
    gaitNote: NoteText(),
  },
  closed,
);

export const NeuroExamSchema = Type.Object(
  {
    myotomes: objectOfKeys(MYOTOME_CODES, SidedGradeSchema),
    reflexes: objectOfKeys(REFLEX_CODES, SidedReflexSchema),
    dermatomes: objectOfKeys(DERMATOME_CODES, SidedSensationSchema),
    cordScreen: CordScreenSchema,
  },
  closed,
);

// ---------------------------------------------------------------------------------------------
// Cramp profile, screen, SOAP, body chart, outcomes
// ---------------------------------------------------------------------------------------------

export const CrampProfileSchema = Type.Object(
  {
    sites: Type.Array(
      Type.Object({ site: Type.Enum(CRAMP_SITES), side: NullableEnum(SIDES) }, closed),
      { maxItems: EXAM_LIMITS.crampSites },
    ),
    timing: CodeSet(CRAMP_TIMINGS),
    episodesPerWeek: NullableInteger({ minimum: 0, maximum: EPISODES_PER_WEEK_MAX }),
    longestEpisodeMinutes: NullableInteger({ minimum: 0, maximum: CRAMP_MINUTES_MAX }),
    triggers: CodeSet(CRAMP_TRIGGERS),
    note: NoteText(),
  },
  closed,
);

export const SecondaryScreenSchema = Type.Object(
  {
    takesMedicines: ScreenAnswerSchema,
    medicines: CodeSet(MEDICINES),
    otherMedicines: NoteText(),
    statinNewMuscleSymptoms: ScreenAnswerSchema,
    pregnant: ScreenAnswerSchema,
    trimester: NullableInteger({ minimum: 1, maximum: 3 }),
    neurologicalCondition: ScreenAnswerSchema,
    neurologicalConditions: CodeSet(NEURO_CONDITIONS),
    liverDisease: ScreenAnswerSchema,
    kidneyDisease: ScreenAnswerSchema,
    toxinExposure: ScreenAnswerSchema,
    toxins: CodeSet(TOXINS),
    fluidRestriction: ScreenAnswerSchema,
    redFlags: objectOfKeys(RED_FLAG_KEYS, ScreenAnswerSchema),
    note: NoteText(),
  },
  closed,
);

const SoapText = () => Type.String({ maxLength: EXAM_LIMITS.soapText });
export const SoapNotesSchema = Type.Object(
  { subjective: SoapText(), objective: SoapText(), assessment: SoapText(), plan: SoapText() },
  closed,
);

export const BodyMarkSchema = Type.Object(
  {
    regionId: Type.Enum(BODY_REGION_IDS),
    side: SideSchema,
    view: Type.Enum(BODY_VIEWS),
    symptom: Type.Enum(BODY_SYMPTOMS),
  },
  closed,
);

export const BodyChartSchema = Type.Object(
  { marks: Type.Array(BodyMarkSchema, { maxItems: EXAM_LIMITS.bodyMarks }) },
  closed,
);

export const OutcomeAnswersSchema = Type.Object(
  {
    nprs: NullableScore(),
    bournemouth: Type.Object(
      {
        version: NullableEnum(BOURNEMOUTH_VERSIONS),
        items: Type.Array(NullableScore(), {
          minItems: BOURNEMOUTH_ITEM_COUNT,
          maxItems: BOURNEMOUTH_ITEM_COUNT,
        }),
      },
      closed,
    ),
    psfs: Type.Array(
      Type.Object({ activity: ShortText(), score: NullableScore() }, closed),
      { maxItems: PSFS_MAX_ACTIVITIES },
    ),
  },
  closed,
);

// ---------------------------------------------------------------------------------------------
// The whole exam
// ---------------------------------------------------------------------------------------------

export const ExamContentSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    crampProfile: CrampProfileSchema,
    findings: Type.Array(FindingSchema, { maxItems: EXAM_LIMITS.findings }),
    neuro: NeuroExamSchema,
    screen: SecondaryScreenSchema,
    soap: SoapNotesSchema,
    bodyChart: BodyChartSchema,
    outcomes: OutcomeAnswersSchema,
  },
  closed,
);

// ---------------------------------------------------------------------------------------------
// Validation with field-level errors
// ---------------------------------------------------------------------------------------------

export interface ExamValidationError {
  /** JSON Pointer into the payload, e.g. "/neuro/myotomes/L5/left". */
  path: string;
  message: string;
}

export type ExamValidationResult =
  | { ok: true; value: ExamContent }
  | { ok: false; errors: ExamValidationError[] };

const FINDING_SCHEMA_BY_TYPE: Readonly<Record<FindingType, TSchema>> = {
  'muscle-imbalance': MuscleImbalanceFindingSchema,
  'facet-joint': FacetJointFindingSchema,
  'disc-irritation': DiscIrritationFindingSchema,
  'paraspinal-spasm': ParaspinalSpasmFindingSchema,
  'cramp-episode': CrampEpisodeFindingSchema,
};

let compiledExam: Validator | undefined;

/**
 * The exam schema compiled on first use: about 40 times faster than interpreting it (0.13 ms
 * against 5 ms for a typical exam), which is most of a visit save's time. Where code generation is
 * not allowed TypeBox checks without it; only the server calls this.
 */
function examValidator(): Validator {
  compiledExam ??= Compile(ExamContentSchema);
  return compiledExam;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorsAgainst(schema: TSchema, value: unknown, prefix: string): ExamValidationError[] {
  return [...Value.Errors(schema, value)].map((e) => ({ path: `${prefix}${e.instancePath}`, message: e.message }));
}

const FINDING_PATH = /^\/findings\/(\d+)(?:\/|$)/;

/**
 * Checks a payload without converting or stripping anything (unlike Fastify's default Ajv,
 * which coerces types and drops unknown fields). A finding with a known `type` is reported
 * against that type's shape only, so the clinician sees "tests/slr/angleDeg must be <= 120"
 * rather than the five ways the row fails to be each other type.
 */
export function validateExamContent(value: unknown): ExamValidationResult {
  if (examValidator().Check(value)) return { ok: true, value: value as ExamContent };
  const all = errorsAgainst(ExamContentSchema, value, '');
  const badFindings = new Set<number>();
  const errors: ExamValidationError[] = [];
  for (const e of all) {
    const m = FINDING_PATH.exec(e.path);
    if (m?.[1] === undefined) errors.push(e);
    else badFindings.add(Number(m[1]));
  }
  const findings = isRecord(value) && Array.isArray(value['findings']) ? (value['findings'] as unknown[]) : [];
  for (const i of badFindings) {
    const f = findings[i];
    const type = isRecord(f) ? f['type'] : undefined;
    // hasOwn, not `in`: a type of "constructor" must not find Object.prototype.
    const branch = typeof type === 'string' && Object.hasOwn(FINDING_SCHEMA_BY_TYPE, type)
      ? FINDING_SCHEMA_BY_TYPE[type as FindingType]
      : undefined;
    if (branch === undefined) {
      errors.push({ path: `/findings/${i}/type`, message: `must be one of: ${Object.keys(FINDING_SCHEMA_BY_TYPE).join(', ')}` });
    } else {
      errors.push(...errorsAgainst(branch, f, `/findings/${i}`));
    }
  }
  // Value.Errors can report one fault from several keywords; the form needs each path once.
  const seen = new Set<string>();
  return {
    ok: false,
    errors: errors.filter((e) => {
      const key = `${e.path}\u0000${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Static types, proved equal to the model types
// ---------------------------------------------------------------------------------------------

export type ExamContentStatic = Static<typeof ExamContentSchema>;
export type FindingStatic = Static<typeof FindingSchema>;
export type TestValueStatic = Static<typeof TestValueSchema>;
export type CrampProfileStatic = Static<typeof CrampProfileSchema>;
export type NeuroExamStatic = Static<typeof NeuroExamSchema>;
export type CordScreenStatic = Static<typeof CordScreenSchema>;
export type SecondaryScreenStatic = Static<typeof SecondaryScreenSchema>;
export type SoapNotesStatic = Static<typeof SoapNotesSchema>;
export type BodyChartStatic = Static<typeof BodyChartSchema>;
export type OutcomeAnswersStatic = Static<typeof OutcomeAnswersSchema>;

/** True only when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile unless passed `true`. */
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// If a schema and its model type disagree, one of these lines stops the build.
assertType<Equals<ExamContentStatic, ExamContent>>();
assertType<Equals<FindingStatic, Finding>>();
assertType<Equals<TestValueStatic, TestValue>>();
assertType<Equals<CrampProfileStatic, CrampProfile>>();
assertType<Equals<NeuroExamStatic, NeuroExam>>();
assertType<Equals<CordScreenStatic, CordScreen>>();
assertType<Equals<SecondaryScreenStatic, SecondaryScreen>>();
assertType<Equals<SoapNotesStatic, SoapNotes>>();
assertType<Equals<BodyChartStatic, BodyChart>>();
assertType<Equals<OutcomeAnswersStatic, OutcomeAnswers>>();
