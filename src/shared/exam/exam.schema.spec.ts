import { Value } from 'typebox/value';
import { EXAM_LIMITS, ExamContentSchema, FindingSchema, validateExamContent } from './exam.schema';
import { FINDING_TYPES, emptyExam, emptyFinding, type ExamContent } from './exam-model';
import { exampleExam } from './exam-example';

/** JSON round trip: the schema judges what arrives over the wire, not in-memory objects. */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Apply a change to a copy of the full example and return it as plain JSON. */
function variant(change: (exam: ExamContent) => void): unknown {
  const exam = exampleExam();
  change(exam);
  return wire(exam);
}

/** Sets a property the types do not allow, as a hostile or buggy client would. */
function setRaw(target: object, key: string, value: unknown): void {
  Reflect.set(target, key, value);
}

function errorPaths(value: unknown): string[] {
  return [...Value.Errors(ExamContentSchema, value)].map((e) => e.instancePath);
}

describe('ExamContentSchema', () => {
  it('accepts a blank exam', () => {
    expect(Value.Check(ExamContentSchema, wire(emptyExam()))).toBeTrue();
  });

  it('accepts a full exam with one finding of every type', () => {
    const exam = exampleExam();
    expect(exam.findings.map((f) => f.type).sort()).toEqual([...FINDING_TYPES].sort());
    expect(errorPaths(wire(exam))).toEqual([]);
  });

  it('accepts a new row of each type before region and side are chosen (drafts save as you type)', () => {
    for (const type of FINDING_TYPES) {
      expect(Value.Check(FindingSchema, wire(emptyFinding(type, `new-${type}`)))).withContext(type).toBeTrue();
    }
  });

  it('accepts the edges of every range', () => {
    const ok = variant((e) => {
      e.outcomes.nprs = 0;
      e.neuro.myotomes.C5 = { left: 0, right: 5 };
      e.crampProfile.episodesPerWeek = 100;
      const disc = e.findings.find((f) => f.type === 'disc-irritation');
      if (disc?.type === 'disc-irritation') disc.tests.slr.angleDeg = 120;
      e.outcomes.bournemouth.items = [0, 10, 0, 10, 0, 10, null];
      e.screen.pregnant = 'yes';
      e.screen.trimester = 3;
    });
    expect(errorPaths(ok)).toEqual([]);
  });

  describe('rejects', () => {
    const cases: [string, (e: ExamContent) => void, string][] = [
      ['an unknown top-level field', (e) => setRaw(e, 'diagnosis', 'x'), ''],
      ['an unknown field inside a test', (e) => {
        const f = e.findings.find((x) => x.type === 'facet-joint');
        if (f?.type === 'facet-joint') setRaw(f.tests.kemps, 'grade', 2);
      }, '/findings/1/tests/kemps'],
      ['a disc test on a facet finding', (e) => {
        const f = e.findings.find((x) => x.type === 'facet-joint');
        if (f?.type === 'facet-joint') setRaw(f.tests, 'slr', { result: 'positive', angleDeg: 40 });
      }, '/findings/1'],
      ['a missing test on a facet finding', (e) => {
        const f = e.findings.find((x) => x.type === 'facet-joint');
        if (f?.type === 'facet-joint') Reflect.deleteProperty(f.tests, 'kemps');
      }, '/findings/1'],
      ['a "normal" test result', (e) => {
        const f = e.findings.find((x) => x.type === 'facet-joint');
        if (f?.type === 'facet-joint') setRaw(f.tests.kemps, 'result', 'normal');
      }, '/findings/1'],
      ['an unknown finding type', (e) => setRaw(e.findings[0] ?? {}, 'type', 'trigger-point'), '/findings/0'],
      ['an unknown segment', (e) => setRaw(e.findings[1] ?? {}, 'segment', 'L6/S1'), '/findings/1'],
      ['a nerve root that does not exist', (e) => setRaw(e.findings[2] ?? {}, 'nerveRoot', 'C9'), '/findings/2'],
      ['a finding id with odd characters', (e) => setRaw(e.findings[0] ?? {}, 'id', 'a b'), '/findings/0'],
      ['MRC 6', (e) => { e.neuro.myotomes.L5.left = 6; }, '/neuro/myotomes/L5/left'],
      ['MRC 2.5', (e) => { e.neuro.myotomes.L5.left = 2.5; }, '/neuro/myotomes/L5/left'],
      ['MRC -1 on a muscle imbalance', (e) => {
        const f = e.findings[0];
        if (f?.type === 'muscle-imbalance') f.imbalance.strengthGrade = -1;
      }, '/findings/0'],
      ['a reflex graded 5+', (e) => setRaw(e.neuro.reflexes.knee, 'left', '5+'), '/neuro/reflexes/knee/left'],
      ['a reflex as a number', (e) => setRaw(e.neuro.reflexes.knee, 'left', 2), '/neuro/reflexes/knee/left'],
      ['sensation "normal"', (e) => setRaw(e.neuro.dermatomes.L5, 'left', 'normal'), '/neuro/dermatomes/L5/left'],
      ['NPRS 11', (e) => { e.outcomes.nprs = 11; }, '/outcomes/nprs'],
      ['an SLR angle of 121°', (e) => {
        const f = e.findings[2];
        if (f?.type === 'disc-irritation') f.tests.slr.angleDeg = 121;
      }, '/findings/2'],
      ['101 cramp episodes a week', (e) => { e.crampProfile.episodesPerWeek = 101; }, '/crampProfile/episodesPerWeek'],
      ['negative cramp episodes', (e) => { e.crampProfile.episodesPerWeek = -1; }, '/crampProfile/episodesPerWeek'],
      ['trimester 4', (e) => { e.screen.trimester = 4; }, '/screen/trimester'],
      ['six Bournemouth items', (e) => { e.outcomes.bournemouth.items = [1, 2, 3, 4, 5, 6]; }, '/outcomes/bournemouth/items'],
      ['a Bournemouth item of 11', (e) => { e.outcomes.bournemouth.items[3] = 11; }, '/outcomes/bournemouth/items/3'],
      ['six PSFS activities', (e) => {
        e.outcomes.psfs = Array.from({ length: 6 }, (_, i) => ({ activity: `a${i}`, score: 5 }));
      }, '/outcomes/psfs'],
      ['a PSFS score of 11', (e) => { e.outcomes.psfs[0] = { activity: 'x', score: 11 }; }, '/outcomes/psfs/0/score'],
      ['the same medicine twice', (e) => { e.screen.medicines = ['statin', 'statin']; }, '/screen/medicines'],
      ['an unknown medicine', (e) => setRaw(e.screen, 'medicines', ['aspirin']), '/screen/medicines/0'],
      ['a "maybe" screen answer', (e) => setRaw(e.screen.redFlags, 'saddleNumbness', 'maybe'), '/screen/redFlags/saddleNumbness'],
      ['a missing red-flag question', (e) => Reflect.deleteProperty(e.screen.redFlags, 'bowelChange'), '/screen/redFlags'],
      ['a SOAP note over the limit', (e) => { e.soap.plan = 'x'.repeat(EXAM_LIMITS.soapText + 1); }, '/soap/plan'],
      ['a muscle name over the limit', (e) => {
        const f = e.findings[0];
        if (f?.type === 'muscle-imbalance') f.imbalance.weakMuscle = 'x'.repeat(EXAM_LIMITS.shortText + 1);
      }, '/findings/0'],
      ['too many findings', (e) => {
        e.findings = Array.from({ length: EXAM_LIMITS.findings + 1 }, (_, i) => emptyFinding('facet-joint', `f${i}`));
      }, '/findings'],
      ['a body mark on an unknown region', (e) => setRaw(e.bodyChart.marks[0] ?? {}, 'regionId', 'tail'), '/bodyChart/marks/0/regionId'],
      ['a body mark without a side', (e) => Reflect.deleteProperty(e.bodyChart.marks[0] ?? {}, 'side'), '/bodyChart/marks/0'],
      ['schema version 2', (e) => setRaw(e, 'schemaVersion', 2), '/schemaVersion'],
      ['a missing section', (e) => Reflect.deleteProperty(e, 'soap'), ''],
      ['null in place of a section', (e) => setRaw(e, 'neuro', null), '/neuro'],
    ];

    for (const [name, change, path] of cases) {
      it(name, () => {
        const value = variant(change);
        expect(Value.Check(ExamContentSchema, value)).toBeFalse();
        // Field-level errors: the server can point the clinician at the exact field.
        expect(errorPaths(value)).withContext(name).toContain(path);
      });
    }
  });

  it('is closed (additionalProperties: false) on every object it defines', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, `${path}/${i}`));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record['type'] === 'object' && record['additionalProperties'] !== false) open.push(path);
      for (const [k, v] of Object.entries(record)) walk(v, `${path}/${k}`);
    };
    walk(ExamContentSchema, '#');
    expect(open).toEqual([]);
  });

  it('never pairs null with another type through anyOf (Ajv coercion would turn null into 0)', () => {
    const offenders: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, `${path}/${i}`));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const anyOf = record['anyOf'];
      if (Array.isArray(anyOf) && anyOf.some((s) => (s as Record<string, unknown>)['type'] === 'null')) offenders.push(path);
      for (const [k, v] of Object.entries(record)) walk(v, `${path}/${k}`);
    };
    walk(ExamContentSchema, '#');
    expect(offenders).toEqual([]);
  });
});

describe('validateExamContent', () => {
  it('returns the value when valid', () => {
    const value = wire(exampleExam());
    const result = validateExamContent(value);
    expect(result.ok).toBeTrue();
    if (result.ok) expect(result.value).toBe(value as ExamContent);
  });

  it('keeps null as null and 0 as 0 (no coercion)', () => {
    const exam = emptyExam();
    exam.neuro.myotomes.L4.left = 0;
    const value = wire(exam);
    expect(validateExamContent(value).ok).toBeTrue();
    const back = value as ExamContent;
    expect(back.neuro.myotomes.L4).toEqual({ left: 0, right: null });
  });

  it('refuses a string where a number belongs instead of converting it', () => {
    const result = validateExamContent(variant((e) => setRaw(e.outcomes, 'nprs', '7')));
    expect(result.ok).toBeFalse();
    if (!result.ok) expect(result.errors.map((x) => x.path)).toContain('/outcomes/nprs');
  });

  it('reports a bad finding against its own type only, with the exact field', () => {
    const result = validateExamContent(variant((e) => {
      const f = e.findings[2];
      if (f?.type === 'disc-irritation') f.tests.slr.angleDeg = 150;
    }));
    expect(result.ok).toBeFalse();
    if (!result.ok) {
      expect(result.errors.length).toBe(1);
      expect(result.errors[0]?.path).toBe('/findings/2/tests/slr/angleDeg');
    }
  });

  it('reports an unknown finding type on the type field', () => {
    for (const type of ['trigger-point', 'constructor', 42]) {
      const result = validateExamContent(variant((e) => setRaw(e.findings[0] ?? {}, 'type', type)));
      expect(result.ok).toBeFalse();
      if (!result.ok) expect(result.errors.map((x) => x.path)).withContext(String(type)).toEqual(['/findings/0/type']);
    }
  });

  it('reports errors outside findings with their paths', () => {
    const result = validateExamContent(variant((e) => {
      e.neuro.myotomes.C5.right = 9;
      setRaw(e.soap, 'extra', 'x');
    }));
    expect(result.ok).toBeFalse();
    if (!result.ok) {
      const paths = result.errors.map((x) => x.path);
      expect(paths).toContain('/neuro/myotomes/C5/right');
      expect(paths).toContain('/soap');
    }
  });

  it('copes with input that is not an object at all', () => {
    for (const bad of [null, 'exam', 3, []]) expect(validateExamContent(bad).ok).toBeFalse();
  });
});
