/**
 * TypeBox schemas for an advice module (what managers save in the library) and for a sheet
 * draft (what a chiropractor saves before issuing).
 *
 * Kept apart from advice-model.ts so the UI can import the model without bundling a validator;
 * not re-exported from index.ts. The Static types are proved equal to the model types at the end
 * of the file, so the schema and the model cannot drift apart silently.
 *
 * As with the exam schema, every object is closed (`additionalProperties: false`), and
 * `validateAdviceModule` / `validateSheetDraft` check without coercing or stripping anything
 * (Fastify's default Ajv would), then add the rules JSON Schema cannot say: a real calendar
 * date, a hold range whose first number is not above its second, paired bold markers, one
 * entry per module on a sheet.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  ADVICE_CATEGORIES,
  ADVICE_LIMITS,
  CALLOUT_TONES,
  CONDITION_CODES,
  DRAWING_IDS,
  PERSONAL_SIDES,
  inlineMarkupIssues,
  isIsoDate,
  type AdviceBlock,
  type AdviceModule,
  type HoldSeconds,
  type PersonalDetails,
  type SheetDraft,
  type SheetItem,
} from './advice-model';

const closed = { additionalProperties: false } as const;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const ModuleKeySchema = Type.String({
  minLength: 1,
  maxLength: ADVICE_LIMITS.keyLength,
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
});
const Seconds = () => Type.Integer({ minimum: 1, maximum: ADVICE_LIMITS.holdSecondsMax });
const ListItems = () =>
  Type.Array(Text(ADVICE_LIMITS.text), { minItems: 1, maxItems: ADVICE_LIMITS.listItems });

export const HoldSecondsSchema = Type.Union([Seconds(), Type.Tuple([Seconds(), Seconds()])]);

export const ParagraphBlockSchema = Type.Object(
  { kind: Type.Literal('paragraph'), text: Text(ADVICE_LIMITS.text) },
  closed,
);
export const StepsBlockSchema = Type.Object({ kind: Type.Literal('steps'), items: ListItems() }, closed);
export const BulletsBlockSchema = Type.Object({ kind: Type.Literal('bullets'), items: ListItems() }, closed);
export const DoseBlockSchema = Type.Object(
  {
    kind: Type.Literal('dose'),
    holdSeconds: Type.Optional(HoldSecondsSchema),
    repetitions: Type.Optional(Type.Integer({ minimum: 1, maximum: ADVICE_LIMITS.repetitionsMax })),
    perSide: Type.Boolean(),
    howOften: Type.Optional(Text(ADVICE_LIMITS.shortText)),
    whenInDay: Type.Optional(Text(ADVICE_LIMITS.shortText)),
  },
  closed,
);
export const CalloutBlockSchema = Type.Object(
  { kind: Type.Literal('callout'), tone: Type.Enum(CALLOUT_TONES), text: Text(ADVICE_LIMITS.text) },
  closed,
);

export const AdviceBlockSchema = Type.Union([
  ParagraphBlockSchema,
  StepsBlockSchema,
  BulletsBlockSchema,
  DoseBlockSchema,
  CalloutBlockSchema,
]);

const ConditionList = () =>
  Type.Array(Type.Enum(CONDITION_CODES), { uniqueItems: true, maxItems: ADVICE_LIMITS.conditions });

export const AdviceModuleSchema = Type.Object(
  {
    key: ModuleKeySchema,
    title: Text(ADVICE_LIMITS.title),
    category: Type.Enum(ADVICE_CATEGORIES),
    blocks: Type.Array(AdviceBlockSchema, { minItems: 1, maxItems: ADVICE_LIMITS.blocks }),
    illustration: Type.Optional(Type.Enum(DRAWING_IDS)),
    conditions: Type.Object({ appliesWhen: ConditionList(), leaveOutWhen: ConditionList() }, closed),
    replaces: Type.Optional(ModuleKeySchema),
    source: Text(ADVICE_LIMITS.source),
    reviewer: Text(ADVICE_LIMITS.shortText),
    reviewDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  closed,
);

export const SheetItemSchema = Type.Object(
  { moduleKey: ModuleKeySchema, reason: Type.String({ maxLength: ADVICE_LIMITS.reason }) },
  closed,
);

export const PersonalDetailsSchema = Type.Object(
  {
    side: Type.Optional(Type.Enum(PERSONAL_SIDES)),
    holdSeconds: Type.Optional(HoldSecondsSchema),
    repetitions: Type.Optional(Type.Integer({ minimum: 1, maximum: ADVICE_LIMITS.repetitionsMax })),
    note: Type.Optional(Type.String({ maxLength: ADVICE_LIMITS.personalNote })),
  },
  closed,
);

export const SheetDraftSchema = Type.Object(
  {
    items: Type.Array(SheetItemSchema, { maxItems: ADVICE_LIMITS.sheetItems }),
    leftOut: Type.Array(SheetItemSchema, { maxItems: ADVICE_LIMITS.sheetItems }),
    personal: Type.Record(ModuleKeySchema, PersonalDetailsSchema),
  },
  closed,
);

// ---------------------------------------------------------------------------------------------
// Validation with field-level errors
// ---------------------------------------------------------------------------------------------

export interface AdviceValidationError {
  /** JSON Pointer into the payload, e.g. "/blocks/2/holdSeconds". */
  path: string;
  message: string;
}

export type AdviceValidationResult<T> = { ok: true; value: T } | { ok: false; errors: AdviceValidationError[] };

function schemaErrors(schema: TSchema, value: unknown): AdviceValidationError[] {
  const seen = new Set<string>();
  const errors: AdviceValidationError[] = [];
  for (const e of Value.Errors(schema, value)) {
    const key = `${e.instancePath}\u0000${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ path: e.instancePath, message: e.message });
  }
  return errors;
}

function holdIssues(hold: HoldSeconds | undefined, path: string): AdviceValidationError[] {
  if (Array.isArray(hold) && hold[0] > hold[1]) {
    return [{ path, message: 'the shortest hold must not be longer than the longest' }];
  }
  return [];
}

function blockIssues(block: AdviceBlock, path: string): AdviceValidationError[] {
  const texts: [string, string][] = [];
  switch (block.kind) {
    case 'paragraph':
    case 'callout':
      texts.push([`${path}/text`, block.text]);
      break;
    case 'steps':
    case 'bullets':
      block.items.forEach((item, i) => texts.push([`${path}/items/${i}`, item]));
      break;
    case 'dose':
      return holdIssues(block.holdSeconds, `${path}/holdSeconds`);
  }
  return texts.flatMap(([p, t]) => inlineMarkupIssues(t).map((message) => ({ path: p, message })));
}

/** Checks a module a manager saves: the schema, then dates, ranges and markup. */
export function validateAdviceModule(value: unknown): AdviceValidationResult<AdviceModule> {
  if (!Value.Check(AdviceModuleSchema, value)) return { ok: false, errors: schemaErrors(AdviceModuleSchema, value) };
  const errors: AdviceValidationError[] = [];
  if (!isIsoDate(value.reviewDate)) errors.push({ path: '/reviewDate', message: 'must be a real date (YYYY-MM-DD)' });
  value.blocks.forEach((b, i) => errors.push(...blockIssues(b, `/blocks/${i}`)));
  if (value.replaces === value.key) errors.push({ path: '/replaces', message: 'a module cannot replace itself' });
  const both = value.conditions.appliesWhen.filter((c) => value.conditions.leaveOutWhen.includes(c));
  if (both.length > 0) {
    errors.push({ path: '/conditions/leaveOutWhen', message: `also in appliesWhen: ${both.join(', ')}` });
  }
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** Checks a sheet draft: the schema, then one entry per module and sensible personal details. */
export function validateSheetDraft(value: unknown): AdviceValidationResult<SheetDraft> {
  if (!Value.Check(SheetDraftSchema, value)) return { ok: false, errors: schemaErrors(SheetDraftSchema, value) };
  const errors: AdviceValidationError[] = [];
  const seen = new Set<string>();
  const check = (list: SheetItem[], name: 'items' | 'leftOut'): void => {
    list.forEach((item, i) => {
      if (seen.has(item.moduleKey)) {
        errors.push({ path: `/${name}/${i}/moduleKey`, message: `"${item.moduleKey}" is on the sheet more than once` });
      }
      seen.add(item.moduleKey);
    });
  };
  check(value.items, 'items');
  check(value.leftOut, 'leftOut');
  for (const [key, details] of Object.entries(value.personal)) {
    if (!value.items.some((i) => i.moduleKey === key)) {
      errors.push({ path: `/personal/${key}`, message: 'details for a module that is not on the sheet' });
    }
    errors.push(...holdIssues(details.holdSeconds, `/personal/${key}/holdSeconds`));
    if (details.note !== undefined) {
      errors.push(...inlineMarkupIssues(details.note).map((message) => ({ path: `/personal/${key}/note`, message })));
    }
  }
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// Static types, proved equal to the model types
// ---------------------------------------------------------------------------------------------

export type AdviceModuleStatic = Static<typeof AdviceModuleSchema>;
export type AdviceBlockStatic = Static<typeof AdviceBlockSchema>;
export type SheetDraftStatic = Static<typeof SheetDraftSchema>;
export type PersonalDetailsStatic = Static<typeof PersonalDetailsSchema>;
export type SheetItemStatic = Static<typeof SheetItemSchema>;

/** True only when A and B are the same type (not merely assignable one way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// If a schema and its model type disagree, one of these lines stops the build.
assertType<Equals<AdviceModuleStatic, AdviceModule>>();
assertType<Equals<AdviceBlockStatic, AdviceBlock>>();
assertType<Equals<SheetDraftStatic, SheetDraft>>();
assertType<Equals<PersonalDetailsStatic, PersonalDetails>>();
assertType<Equals<SheetItemStatic, SheetItem>>();
