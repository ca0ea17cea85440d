import { emptyFinding, type Finding, type FindingType, type Region, type Segment, type Side } from './exam-model';
import { compareFindings, findingKey, findingKeyLabel, findingsTimeline } from './findings-progress';

let seq = 0;
function row(type: FindingType, region: Region | null, segment: Segment | null, side: Side | null): Finding {
  seq += 1;
  return { ...emptyFinding(type, `r${seq}`), region, segment, side };
}

describe('findingKey', () => {
  it('is type + region + segment + side, with "-" for a part not chosen', () => {
    expect(findingKey(row('facet-joint', 'lumbar', 'L4/5', 'left'))).toBe('facet-joint|lumbar|L4/5|left');
    expect(findingKey(row('cramp-episode', 'lower-limb', null, null))).toBe('cramp-episode|lower-limb|-|-');
  });

  it('ignores the row id, nerve root, tests and note', () => {
    const a = row('disc-irritation', 'lumbar', 'L5/S1', 'right');
    const b = { ...row('disc-irritation', 'lumbar', 'L5/S1', 'right'), nerveRoot: 'S1' as const, note: 'better' };
    expect(findingKey(a)).toBe(findingKey(b));
  });

  it('tells sides and segments apart', () => {
    const base = row('facet-joint', 'lumbar', 'L4/5', 'left');
    expect(findingKey(base)).not.toBe(findingKey({ ...base, side: 'right' }));
    expect(findingKey(base)).not.toBe(findingKey({ ...base, segment: 'L5/S1' }));
    expect(findingKey(base)).not.toBe(findingKey({ ...base, side: 'bilateral' }));
  });

  it('has a plain-words label', () => {
    expect(findingKeyLabel(row('facet-joint', 'lumbar', 'L4/5', 'left')))
      .toBe('Facet joint sprain or dysfunction, Low back (lumbar), L4/5, Left');
  });
});

describe('compareFindings', () => {
  it('labels findings new, persisting and resolved', () => {
    const before = [row('facet-joint', 'lumbar', 'L4/5', 'right'), row('paraspinal-spasm', 'lumbar', 'L3/4', 'bilateral')];
    const after = [row('disc-irritation', 'lumbar', 'L4/5', 'left'), row('facet-joint', 'lumbar', 'L4/5', 'right')];
    const result = compareFindings(before, after);
    expect(result.map((p) => [p.key, p.status])).toEqual([
      ['disc-irritation|lumbar|L4/5|left', 'new'],
      ['facet-joint|lumbar|L4/5|right', 'persisting'],
      ['paraspinal-spasm|lumbar|L3/4|bilateral', 'resolved'],
    ]);
  });

  it('keeps both rows of a persisting finding so the UI can show what changed', () => {
    const before = row('facet-joint', 'cervical', 'C5/6', 'left');
    const after = { ...row('facet-joint', 'cervical', 'C5/6', 'left'), note: 'less tender' };
    const [p] = compareFindings([before], [after]);
    expect(p?.previous).toBe(before);
    expect(p?.current).toBe(after);
  });

  it('treats a side change as one resolved and one new (a different problem)', () => {
    const result = compareFindings([row('facet-joint', 'lumbar', 'L4/5', 'left')], [row('facet-joint', 'lumbar', 'L4/5', 'right')]);
    expect(result.map((p) => p.status)).toEqual(['new', 'resolved']);
  });

  it('counts two rows with one key as one finding', () => {
    const result = compareFindings(
      [row('facet-joint', 'lumbar', 'L4/5', 'left'), row('facet-joint', 'lumbar', 'L4/5', 'left')],
      [row('facet-joint', 'lumbar', 'L4/5', 'left')],
    );
    expect(result.length).toBe(1);
    expect(result[0]?.status).toBe('persisting');
  });

  it('calls everything new at a first visit and everything resolved when nothing is left', () => {
    const findings = [row('cramp-episode', 'lower-limb', null, 'left')];
    expect(compareFindings([], findings).map((p) => p.status)).toEqual(['new']);
    expect(compareFindings(findings, []).map((p) => p.status)).toEqual(['resolved']);
    expect(compareFindings([], [])).toEqual([]);
  });
});

describe('findingsTimeline', () => {
  it('gives one row per finding with a status per visit', () => {
    const facet = () => row('facet-joint', 'lumbar', 'L4/5', 'right');
    const disc = () => row('disc-irritation', 'lumbar', 'L4/5', 'left');
    const spasm = () => row('paraspinal-spasm', 'lumbar', 'L3/4', 'bilateral');
    const timeline = findingsTimeline([
      [facet(), spasm()],
      [facet(), disc()],
      [disc()],
      [disc(), spasm()],
    ]);
    expect(timeline.map((r) => [r.key, r.cells, r.latest])).toEqual([
      ['facet-joint|lumbar|L4/5|right', ['new', 'persisting', 'resolved', null], 'resolved'],
      ['paraspinal-spasm|lumbar|L3/4|bilateral', ['new', 'resolved', null, 'new'], 'new'],
      ['disc-irritation|lumbar|L4/5|left', [null, 'new', 'persisting', 'persisting'], 'persisting'],
    ]);
    expect(timeline[0]?.label).toContain('Facet joint');
  });

  it('is empty with no visits', () => {
    expect(findingsTimeline([])).toEqual([]);
  });
});
