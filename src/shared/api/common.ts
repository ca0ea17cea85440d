import { type Static, Type } from 'typebox';

/** The one error body every failure uses. `fields` maps a field path to a plain message. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' });
export const IdParams = Type.Object({ id: Id });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Ok = Type.Object({ ok: Type.Literal(true) });

/** Trimmed, non-empty, bounded single-line text. */
export function Text(maxLength: number, minLength = 1) {
  return Type.String({ minLength, maxLength, pattern: '\\S' });
}
