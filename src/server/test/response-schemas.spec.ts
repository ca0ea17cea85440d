import { Type } from 'typebox';
import { QueuePageSchema, RequestDetailSchema } from '../../shared/api/requests';
import { forSerialization } from '../response-schemas';

function anyOfPaths(schema: unknown, at = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => anyOfPaths(s, `${at}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => (key === 'anyOf' ? [at] : anyOfPaths(value, `${at}.${key}`)));
}

describe('response schemas for the serializer', () => {
  it('writes nullable fields and string enums as plain types, so no value needs a validator to be sent', () => {
    expect(anyOfPaths(QueuePageSchema).length).toBeGreaterThan(10); // as TypeBox writes them
    expect(anyOfPaths(forSerialization(QueuePageSchema))).toEqual([]);
    expect(anyOfPaths(forSerialization(RequestDetailSchema))).toEqual([]);
  });

  it('keeps what each field allows', () => {
    const schema = Type.Object({
      kind: Type.Union([Type.Literal('a'), Type.Literal('b')]),
      maybeKind: Type.Union([Type.Union([Type.Literal('a'), Type.Literal('b')]), Type.Null()]),
      at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      who: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
      either: Type.Union([Type.String(), Type.Number()]),
    });
    const out = forSerialization(schema) as { properties: Record<string, unknown> };
    expect(out.properties['kind']).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(out.properties['maybeKind']).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(out.properties['at']).toEqual(jasmine.objectContaining({ type: ['string', 'null'], format: 'date-time' }));
    expect(out.properties['who']).toEqual(jasmine.objectContaining({ type: ['object', 'null'], properties: { id: jasmine.objectContaining({ type: 'string' }) } }));
    // A real choice of types stays a choice.
    expect((out.properties['either'] as { anyOf?: unknown[] }).anyOf?.length).toBe(2);
    // The schema the validator and the types use is untouched.
    expect(anyOfPaths(schema).length).toBe(5);
  });
});
