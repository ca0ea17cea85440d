/**
 * JSON schemas for what this folder produces, so API routes can declare them in responses and
 * the database layer can validate stored red flags. The TypeScript types are declared beside the
 * functions; the spec checks the two agree on real output.
 */
import { Type } from 'typebox';

export const TriagePrioritySchema = Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('routine')]);

export const RedFlagLevelSchema = Type.Union([Type.Literal('emergency'), Type.Literal('urgent'), Type.Literal('gp')]);

export const RedFlagSchema = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 64 }),
    label: Type.String({ minLength: 1 }),
    level: RedFlagLevelSchema,
    action: Type.String({ minLength: 1 }),
    script: Type.String({ minLength: 1 }),
    phrase: Type.String({ minLength: 1 }),
    start: Type.Integer({ minimum: 0 }),
    end: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const ScreeningResultSchema = Type.Object(
  { priority: TriagePrioritySchema, redFlags: Type.Array(RedFlagSchema) },
  { additionalProperties: false },
);

export const RequestKindSchema = Type.Union([Type.Literal('callback'), Type.Literal('appointment')]);

export const MatchReasonSchema = Type.Union([
  Type.Literal('same-phone'),
  Type.Literal('same-email'),
  Type.Literal('same-name'),
  Type.Literal('similar-name'),
  Type.Literal('different-name'),
  Type.Literal('same-date-of-birth'),
  Type.Literal('different-date-of-birth'),
  Type.Literal('same-postcode'),
]);

export const MatchClassSchema = Type.Union([Type.Literal('existing-patient'), Type.Literal('possible-duplicate')]);

/** A bank holiday or other closed day, as the calendar functions take it. */
export const ClosedDateSchema = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
