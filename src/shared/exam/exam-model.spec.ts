import {
  BODY_REGIONS,
  BODY_REGION_IDS,
  CRAMP_SITES,
  CRAMP_SITE_BODY_REGION,
  DERMATOME_CODES,
  DISC_TEST_KEYS,
  FACET_TEST_KEYS,
  FINDING_TYPES,
  LABELS,
  MEDICINES,
  MYOTOMES,
  MYOTOME_CODES,
  NERVE_ROOTS,
  RED_FLAG_KEYS,
  REFLEX_CODES,
  REFLEX_ROOTS,
  SEGMENTS,
  SEGMENT_REGION,
  SPASM_TEST_KEYS,
  TESTS_BY_FINDING_TYPE,
  TEST_DEFINITIONS,
  TEST_RESULTS,
  bodyMarksForCrampSites,
  cervicalRotationLimited,
  copyFindingsForNewVisit,
  emptyExam,
  emptyFinding,
  findingTestEntries,
  segmentsForRegion,
  slrInRadicularRange,
  syncBodyChartWithCrampSites,
  testsToShow,
  type BodyChart,
} from './exam-model';
import { exampleFindings } from './exam-example';

describe('exam model codes', () => {
  it('lists every spinal segment from occiput–C1 to L5/S1 and the SIJ, in order', () => {
    expect(SEGMENTS[0]).toBe('Occ/C1');
    expect(SEGMENTS).toContain('C7/T1');
    expect(SEGMENTS).toContain('T12/L1');
    expect(SEGMENTS).toContain('L5/S1');
    expect(SEGMENTS[SEGMENTS.length - 1]).toBe('SIJ');
    // Occ/C1 + C1/2..C7/T1 (7) + T1/2..T12/L1 (12) + L1/2..L5/S1 (5) + SIJ
    expect<number>(SEGMENTS.length).toBe(1 + 7 + 12 + 5 + 1);
    expect(new Set(SEGMENTS).size).toBe(SEGMENTS.length);
  });

  it('lists nerve roots C1–C8, T1–T12, L1–L5 and S1–S5', () => {
    expect<number>(NERVE_ROOTS.length).toBe(8 + 12 + 5 + 5);
    expect(NERVE_ROOTS).toContain('C8');
    expect(NERVE_ROOTS).toContain('T12');
    expect(NERVE_ROOTS).toContain('S5');
    expect<readonly string[]>(NERVE_ROOTS).not.toContain('L6');
  });

  it('has no "normal" test result, so an untested sign can never read as normal', () => {
    expect([...TEST_RESULTS]).toEqual(['not-tested', 'negative', 'positive', 'equivocal']);
  });

  it('maps the myotomes to the movements in DOMAIN section 3', () => {
    const byCode = Object.fromEntries(MYOTOMES.map((m) => [m.code, m.movement]));
    expect(byCode).toEqual({
      C5: 'shoulder-abduction',
      C6: 'wrist-extension',
      C7: 'elbow-extension',
      C8: 'finger-flexion',
      T1: 'finger-abduction',
      L2: 'hip-flexion',
      L3: 'knee-extension',
      L4: 'ankle-dorsiflexion',
      L5: 'big-toe-extension',
      S1: 'plantarflexion',
    });
  });

  it('maps the reflexes to their roots', () => {
    expect(REFLEX_ROOTS).toEqual({ biceps: ['C5', 'C6'], triceps: ['C7', 'C8'], knee: ['L3', 'L4'], ankle: ['S1'] });
  });

  it('lists the medicines from DOMAIN section 1, including salbutamol and teriparatide', () => {
    expect([...MEDICINES]).toEqual([
      'diuretic', 'statin', 'nicotinic-acid', 'raloxifene', 'nifedipine', 'salbutamol', 'teriparatide',
    ]);
  });

  it('gives every segment a region and limbs no segments', () => {
    for (const s of SEGMENTS) expect(SEGMENT_REGION[s]).toBeDefined();
    expect(segmentsForRegion('cervical')).toContain('C5/6');
    expect(segmentsForRegion('cervical')).not.toContain('L4/5');
    expect(segmentsForRegion('sacropelvic')).toEqual(['SIJ']);
    expect(segmentsForRegion('upper-limb')).toEqual([]);
    expect(segmentsForRegion(null)).toEqual(SEGMENTS);
  });
});

describe('LABELS', () => {
  const complete = (labels: Record<string, string>, codes: readonly (string | number)[]) => {
    for (const c of codes) {
      const text = labels[String(c)];
      expect(typeof text).withContext(String(c)).toBe('string');
      expect(text?.trim().length).withContext(String(c)).toBeGreaterThan(0);
    }
    expect(Object.keys(labels).length).toBe(codes.length);
  };

  it('has a plain-words label for every code of every list', () => {
    complete(LABELS.findingType, FINDING_TYPES);
    complete(LABELS.segment, SEGMENTS);
    complete(LABELS.nerveRoot, NERVE_ROOTS);
    complete(LABELS.test, [...FACET_TEST_KEYS, ...DISC_TEST_KEYS]);
    complete(LABELS.myotome, MYOTOME_CODES);
    complete(LABELS.reflex, REFLEX_CODES);
    complete(LABELS.dermatome, DERMATOME_CODES);
    complete(LABELS.crampSite, CRAMP_SITES);
    complete(LABELS.medicine, MEDICINES);
    complete(LABELS.redFlag, RED_FLAG_KEYS);
    complete(LABELS.bodyRegion, BODY_REGION_IDS);
    complete(LABELS.mrcGrade, [0, 1, 2, 3, 4, 5]);
  });

  it('spells out the segments that are not a plain pair', () => {
    expect(LABELS.segment['Occ/C1']).toBe('Occiput–C1');
    expect(LABELS.segment.SIJ).toContain('Sacroiliac');
    expect(LABELS.segment['L5/S1']).toBe('L5/S1');
  });

  it('shows "Not tested" rather than anything that could read as normal', () => {
    expect(LABELS.testResult['not-tested']).toBe('Not tested');
    expect(LABELS.reflexGrade['2+']).toContain('normal');
  });
});

describe('tests per finding type', () => {
  it('gives each finding type the tests DOMAIN section 3 names', () => {
    expect(TESTS_BY_FINDING_TYPE['facet-joint']).toEqual(FACET_TEST_KEYS);
    expect(TESTS_BY_FINDING_TYPE['disc-irritation']).toEqual(DISC_TEST_KEYS);
    expect(TESTS_BY_FINDING_TYPE['paraspinal-spasm']).toEqual(SPASM_TEST_KEYS);
    expect(TESTS_BY_FINDING_TYPE['muscle-imbalance']).toEqual([]);
    expect(TESTS_BY_FINDING_TYPE['cramp-episode']).toEqual([]);
  });

  it('asks for an angle only on SLR, crossed SLR and neck rotation', () => {
    const angled = Object.entries(TEST_DEFINITIONS).filter(([, d]) => d.measure === 'angle').map(([k]) => k);
    expect(angled.sort()).toEqual(['cervicalRotation', 'crossedSlr', 'slr']);
  });

  it('shows the neck disc tests for the neck and the leg tests for the low back', () => {
    expect(testsToShow('disc-irritation', 'cervical')).toEqual(['spurling', 'distraction', 'upperLimbTension', 'cervicalRotation']);
    expect(testsToShow('disc-irritation', 'lumbar')).toEqual(['slr', 'crossedSlr', 'slump']);
    expect(testsToShow('disc-irritation', 'lower-limb')).toEqual(['slr', 'crossedSlr', 'slump']);
    expect(testsToShow('disc-irritation', null)).toEqual(DISC_TEST_KEYS);
    expect(testsToShow('facet-joint', 'cervical')).toEqual(FACET_TEST_KEYS);
  });

  it('knows the SLR radicular range (30°–70°) and the 60° neck rotation limit', () => {
    expect(slrInRadicularRange(29)).toBeFalse();
    expect(slrInRadicularRange(30)).toBeTrue();
    expect(slrInRadicularRange(70)).toBeTrue();
    expect(slrInRadicularRange(71)).toBeFalse();
    expect(cervicalRotationLimited(59)).toBeTrue();
    expect(cervicalRotationLimited(60)).toBeFalse();
  });
});

describe('emptyFinding', () => {
  for (const type of FINDING_TYPES) {
    it(`makes a ${type} row with every test not tested and nothing placed yet`, () => {
      const f = emptyFinding(type, 'row-1');
      expect(f.type).toBe(type);
      expect(f.id).toBe('row-1');
      expect([f.region, f.segment, f.nerveRoot, f.side]).toEqual([null, null, null, null]);
      const entries = findingTestEntries(f);
      expect(entries.map(([k]) => k)).toEqual([...TESTS_BY_FINDING_TYPE[type]]);
      for (const [, t] of entries) expect(t).toEqual({ result: 'not-tested', angleDeg: null });
    });
  }

  it('gives a muscle imbalance an ungraded, untested detail', () => {
    const f = emptyFinding('muscle-imbalance', 'x');
    expect(f.imbalance.strengthGrade).toBeNull();
    expect(f.imbalance.relation).toBeNull();
    expect(f.imbalance.testResult.result).toBe('not-tested');
  });

  it('does not share test objects between keys or rows', () => {
    const a = emptyFinding('facet-joint', 'a');
    const b = emptyFinding('facet-joint', 'b');
    a.tests.kemps.result = 'positive';
    expect(a.tests.extensionPain.result).toBe('not-tested');
    expect(b.tests.kemps.result).toBe('not-tested');
  });
});

describe('emptyExam', () => {
  it('starts with nothing tested, nothing asked and nothing scored', () => {
    const exam = emptyExam();
    expect(exam.schemaVersion).toBe(1);
    expect(exam.findings).toEqual([]);
    for (const code of MYOTOME_CODES) expect(exam.neuro.myotomes[code]).toEqual({ left: null, right: null });
    for (const code of REFLEX_CODES) expect(exam.neuro.reflexes[code]).toEqual({ left: null, right: null });
    for (const code of DERMATOME_CODES) expect(exam.neuro.dermatomes[code]).toEqual({ left: null, right: null });
    expect(exam.neuro.cordScreen.babinski).toEqual({ left: 'not-tested', right: 'not-tested' });
    expect(exam.neuro.cordScreen.gait).toBe('not-tested');
    for (const k of RED_FLAG_KEYS) expect(exam.screen.redFlags[k]).toBe('not-asked');
    expect(exam.screen.pregnant).toBe('not-asked');
    expect(exam.outcomes.bournemouth.items).toEqual([null, null, null, null, null, null, null]);
    expect(exam.outcomes.nprs).toBeNull();
    expect(exam.crampProfile.episodesPerWeek).toBeNull();
  });

  it('returns a fresh object every time, so one form cannot change another', () => {
    const a = emptyExam();
    const b = emptyExam();
    a.neuro.myotomes.C5.left = 2;
    a.screen.redFlags.saddleNumbness = 'yes';
    expect(b.neuro.myotomes.C5.left).toBeNull();
    expect(b.screen.redFlags.saddleNumbness).toBe('not-asked');
  });
});

describe('copyFindingsForNewVisit', () => {
  it('copies every finding with a fresh id and no shared objects', () => {
    const previous = exampleFindings();
    const copy = copyFindingsForNewVisit(previous, (i) => `new-${i}`);
    expect(copy.map((f) => f.id)).toEqual(previous.map((_, i) => `new-${i}`));
    expect(copy.map((f) => f.type)).toEqual(previous.map((f) => f.type));
    const disc = copy.find((f) => f.type === 'disc-irritation');
    if (disc?.type !== 'disc-irritation') throw new Error('expected a disc finding');
    disc.tests.slr.angleDeg = 10;
    const original = previous.find((f) => f.type === 'disc-irritation');
    if (original?.type !== 'disc-irritation') throw new Error('expected a disc finding');
    expect(original.tests.slr.angleDeg).toBe(45);
  });
});

describe('body chart and cramp sites', () => {
  it('draws every cramp site on a region the outline has, on a view it appears in', () => {
    for (const site of CRAMP_SITES) {
      const { regionId, view } = CRAMP_SITE_BODY_REGION[site];
      const region = BODY_REGIONS.find((r) => r.id === regionId);
      expect(region).withContext(site).toBeDefined();
      expect(region?.views).withContext(site).toContain(view);
    }
  });

  it('derives cramp marks with side, skipping sites whose side is not chosen and duplicates', () => {
    const marks = bodyMarksForCrampSites([
      { site: 'calf', side: 'left' },
      { site: 'calf', side: 'left' },
      { site: 'hamstring', side: null },
      { site: 'paraspinal-lumbar', side: 'central' },
    ]);
    expect(marks).toEqual([
      { regionId: 'calf', side: 'left', view: 'back', symptom: 'cramp' },
      { regionId: 'low-back', side: 'central', view: 'back', symptom: 'cramp' },
    ]);
  });

  it('replaces cramp marks from the sites and keeps the other marks', () => {
    const chart: BodyChart = {
      marks: [
        { regionId: 'low-back', side: 'central', view: 'back', symptom: 'pain' },
        { regionId: 'foot', side: 'right', view: 'front', symptom: 'cramp' },
      ],
    };
    const synced = syncBodyChartWithCrampSites(chart, [{ site: 'calf', side: 'right' }]);
    expect(synced.marks).toEqual([
      { regionId: 'low-back', side: 'central', view: 'back', symptom: 'pain' },
      { regionId: 'calf', side: 'right', view: 'back', symptom: 'cramp' },
    ]);
    expect(chart.marks.length).toBe(2);
  });
});
