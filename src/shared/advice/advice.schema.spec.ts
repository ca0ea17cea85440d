import { Value } from 'typebox/value';
import { AdviceModuleSchema, SheetDraftSchema, validateAdviceModule, validateSheetDraft } from './advice.schema';
import type { AdviceModule, SheetDraft } from './advice-model';
import { DEFAULT_MODULES, defaultModules } from './default-modules';
import { draftSheet } from './drafting';
import { exampleExam } from '../exam/exam-example';

/** JSON round trip: the schema judges what arrives over the wire, not in-memory objects. */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function moduleWith(change: (m: AdviceModule) => void): unknown {
  const m = defaultModules()[1];
  if (m === undefined) throw new Error('no module');
  change(m);
  return wire(m);
}

function paths(result: ReturnType<typeof validateAdviceModule> | ReturnType<typeof validateSheetDraft>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.path);
}

function draft(): SheetDraft {
  const { items, leftOut, personal } = draftSheet(exampleExam());
  return { items, leftOut, personal };
}

describe('advice/advice.schema', () => {
  describe('validateAdviceModule', () => {
    for (const m of DEFAULT_MODULES) {
      it(`accepts the shipped module "${m.key}"`, () => {
        const result = validateAdviceModule(wire(m));
        expect(result.ok).withContext(JSON.stringify(result)).toBeTrue();
      });
    }

    it('rejects unknown fields rather than dropping them', () => {
      const value = moduleWith((m) => Reflect.set(m, 'html', '<script>'));
      expect(Value.Check(AdviceModuleSchema, value)).toBeFalse();
      expect(validateAdviceModule(value).ok).toBeFalse();
    });

    it('rejects a block with an unknown field or kind', () => {
      expect(validateAdviceModule(moduleWith((m) => m.blocks.push(JSON.parse('{"kind":"html","text":"x"}') as never))).ok).toBeFalse();
      expect(
        validateAdviceModule(moduleWith((m) => m.blocks.push(JSON.parse('{"kind":"paragraph","text":"x","style":"y"}') as never))).ok,
      ).toBeFalse();
    });

    it('rejects bad keys, categories, conditions and illustrations', () => {
      expect(validateAdviceModule(moduleWith((m) => (m.key = 'Calf Stretch'))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => (m.key = 'calf--stretch'))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => Reflect.set(m, 'category', 'massage'))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => Reflect.set(m.conditions, 'appliesWhen', ['night-cramps']))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => (m.conditions.appliesWhen = ['calf-cramp', 'calf-cramp']))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => Reflect.set(m, 'illustration', 'https://example.com/x.svg'))).ok).toBeFalse();
    });

    it('rejects empty text, empty lists and no blocks', () => {
      expect(validateAdviceModule(moduleWith((m) => (m.title = ''))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => (m.blocks = []))).ok).toBeFalse();
      expect(validateAdviceModule(moduleWith((m) => (m.blocks = [{ kind: 'steps', items: [] }]))).ok).toBeFalse();
    });

    it('does not coerce: a dose given as text is refused', () => {
      const value = moduleWith((m) => (m.blocks = [{ kind: 'dose', perSide: true, repetitions: 3 }]));
      Reflect.set((value as { blocks: object[] }).blocks[0] ?? {}, 'repetitions', '3');
      expect(validateAdviceModule(value).ok).toBeFalse();
    });

    it('checks dose ranges', () => {
      const dose = (d: object): unknown => moduleWith((m) => (m.blocks = [{ kind: 'dose', perSide: true, ...d }]));
      expect(validateAdviceModule(dose({ holdSeconds: [20, 30], repetitions: 3 })).ok).toBeTrue();
      expect(validateAdviceModule(dose({ holdSeconds: 0 })).ok).toBeFalse();
      expect(validateAdviceModule(dose({ holdSeconds: [20, 30, 40] })).ok).toBeFalse();
      expect(validateAdviceModule(dose({ repetitions: 2.5 })).ok).toBeFalse();
      expect(paths(validateAdviceModule(dose({ holdSeconds: [30, 20] })))).toEqual(['/blocks/0/holdSeconds']);
    });

    it('requires a real review date', () => {
      expect(paths(validateAdviceModule(moduleWith((m) => (m.reviewDate = '2026-02-30'))))).toEqual(['/reviewDate']);
      expect(validateAdviceModule(moduleWith((m) => (m.reviewDate = '30/01/2026'))).ok).toBeFalse();
    });

    it('reports unpaired or shouting bold markup at its path', () => {
      const result = validateAdviceModule(
        moduleWith((m) => (m.blocks = [{ kind: 'paragraph', text: 'ok' }, { kind: 'bullets', items: ['fine', '**NEVER** do this'] }])),
      );
      expect(paths(result)).toEqual(['/blocks/1/items/1']);
      expect(paths(validateAdviceModule(moduleWith((m) => (m.blocks = [{ kind: 'callout', tone: 'info', text: 'a **b' }]))))).toEqual([
        '/blocks/0/text',
      ]);
    });

    it('refuses contradictory conditions and a module replacing itself', () => {
      expect(paths(validateAdviceModule(moduleWith((m) => (m.conditions.leaveOutWhen = [...m.conditions.appliesWhen]))))).toEqual([
        '/conditions/leaveOutWhen',
      ]);
      expect(paths(validateAdviceModule(moduleWith((m) => (m.replaces = m.key))))).toEqual(['/replaces']);
    });
  });

  describe('validateSheetDraft', () => {
    it('accepts a drafted sheet as the server receives it', () => {
      const result = validateSheetDraft(wire(draft()));
      expect(result.ok).withContext(JSON.stringify(result)).toBeTrue();
    });

    it('accepts personal doses as a number or a range', () => {
      const d = draft();
      d.personal = { 'calf-stretch-wall': { side: 'right', holdSeconds: [15, 20], repetitions: 4, note: 'Go **gently**.' } };
      expect(validateSheetDraft(wire(d)).ok).toBeTrue();
      d.personal = { 'calf-stretch-wall': { holdSeconds: 30 } };
      expect(validateSheetDraft(wire(d)).ok).toBeTrue();
    });

    it('rejects unknown fields, a bad side and repetitions out of range', () => {
      const d = draft();
      expect(Value.Check(SheetDraftSchema, { ...d, extra: 1 })).toBeFalse();
      expect(validateSheetDraft(wire({ ...d, personal: { 'calf-stretch-wall': { side: 'middle' } } })).ok).toBeFalse();
      expect(validateSheetDraft(wire({ ...d, personal: { 'calf-stretch-wall': { repetitions: 0 } } })).ok).toBeFalse();
      expect(validateSheetDraft(wire({ ...d, personal: { 'calf-stretch-wall': { repetitions: '3' } } })).ok).toBeFalse();
      expect(validateSheetDraft(wire({ ...d, personal: { 'Bad Key': {} } })).ok).toBeFalse();
    });

    it('rejects a module listed twice, on and off the sheet', () => {
      const d = draft();
      const first = d.items[0];
      if (first === undefined) throw new Error('empty draft');
      expect(paths(validateSheetDraft(wire({ ...d, items: [...d.items, first] })))).toEqual([`/items/${d.items.length}/moduleKey`]);
      expect(paths(validateSheetDraft(wire({ ...d, leftOut: [first] })))).toEqual(['/leftOut/0/moduleKey']);
    });

    it('rejects personal details for a module not on the sheet, and a reversed hold range', () => {
      const d = draft();
      expect(paths(validateSheetDraft(wire({ ...d, personal: { 'cramp-pregnancy': { note: 'x' } } })))).toEqual(['/personal/cramp-pregnancy']);
      expect(paths(validateSheetDraft(wire({ ...d, personal: { 'calf-stretch-wall': { holdSeconds: [30, 20] } } })))).toEqual([
        '/personal/calf-stretch-wall/holdSeconds',
      ]);
    });

    it('reports bad markup in a personal note', () => {
      const d = draft();
      expect(paths(validateSheetDraft(wire({ ...d, personal: { 'calf-stretch-wall': { note: 'Go **gently.' } } })))).toEqual([
        '/personal/calf-stretch-wall/note',
      ]);
    });
  });
});
