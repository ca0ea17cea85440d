/**
 * Findings across visits: which problems resolved, which persist, which are new.
 *
 * A finding's identity is its type, region, segment and side. Row ids are not used because
 * "copy from last visit" gives copied rows fresh ids, and a clinician may also delete a row and
 * re-enter the same problem. Presence is what counts: a row still listed at a visit is persisting
 * even if its tests improved; the clinician removes a row when the problem has gone.
 */
import { LABELS, type Finding, type FindingType, type Region, type Segment, type Side } from './exam-model';

export type FindingProgressStatus = 'resolved' | 'persisting' | 'new';

export const FINDING_PROGRESS_LABELS: Readonly<Record<FindingProgressStatus, string>> = {
  resolved: 'Resolved',
  persisting: 'Persisting',
  new: 'New',
};

export type FindingKeyParts = Pick<Finding, 'type' | 'region' | 'segment' | 'side'>;

const NONE = '-';

/** "facet-joint|lumbar|L4/5|left"; missing parts are "-". No code contains "|". */
export function findingKey(f: FindingKeyParts): string {
  return [f.type, f.region ?? NONE, f.segment ?? NONE, f.side ?? NONE].join('|');
}

/** Plain words for a key's parts, e.g. "Facet joint sprain or dysfunction, Low back (lumbar), L4/5, Left". */
export function findingKeyLabel(f: FindingKeyParts): string {
  const parts: string[] = [LABELS.findingType[f.type]];
  if (f.region !== null) parts.push(LABELS.region[f.region]);
  if (f.segment !== null) parts.push(LABELS.segment[f.segment]);
  if (f.side !== null) parts.push(LABELS.side[f.side]);
  return parts.join(', ');
}

export interface FindingProgress {
  key: string;
  label: string;
  status: FindingProgressStatus;
  type: FindingType;
  region: Region | null;
  segment: Segment | null;
  side: Side | null;
  /** The row at the earlier visit (null when new). */
  previous: Finding | null;
  /** The row at the later visit (null when resolved). */
  current: Finding | null;
}

function firstByKey(findings: readonly Finding[]): Map<string, Finding> {
  // Two rows with one key (e.g. two notes on the same joint) are one problem; the first speaks for it.
  const map = new Map<string, Finding>();
  for (const f of findings) {
    const k = findingKey(f);
    if (!map.has(k)) map.set(k, f);
  }
  return map;
}

function progress(
  status: FindingProgressStatus,
  row: Finding,
  previous: Finding | null,
  current: Finding | null,
): FindingProgress {
  return {
    key: findingKey(row),
    label: findingKeyLabel(row),
    status,
    type: row.type,
    region: row.region,
    segment: row.segment,
    side: row.side,
    previous,
    current,
  };
}

/**
 * Each distinct finding of either visit, labelled. Order: today's findings as listed (new and
 * persisting), then the resolved ones in the earlier visit's order, which is how the clinician
 * reads a follow-up: what is there now, then what has gone.
 */
export function compareFindings(previous: readonly Finding[], current: readonly Finding[]): FindingProgress[] {
  const before = firstByKey(previous);
  const now = firstByKey(current);
  const out: FindingProgress[] = [];
  for (const [key, f] of now) {
    const earlier = before.get(key) ?? null;
    out.push(progress(earlier === null ? 'new' : 'persisting', f, earlier, f));
  }
  for (const [key, f] of before) {
    if (!now.has(key)) out.push(progress('resolved', f, f, null));
  }
  return out;
}

export interface FindingTimelineRow {
  key: string;
  label: string;
  type: FindingType;
  region: Region | null;
  segment: Segment | null;
  side: Side | null;
  /**
   * One cell per visit: the status against the visit before. 'new' at the first visit it appears
   * (and again if it comes back after resolving); null where it is absent and was absent before.
   */
  cells: (FindingProgressStatus | null)[];
  /** The latest non-null cell: where this problem stands now. */
  latest: FindingProgressStatus;
}

/**
 * The findings table for the progress page: one row per distinct finding across all visits
 * (oldest visit first), in order of first appearance.
 */
export function findingsTimeline(visits: readonly (readonly Finding[])[]): FindingTimelineRow[] {
  const keyed = visits.map(firstByKey);
  const rows = new Map<string, FindingTimelineRow>();
  for (const visit of keyed) {
    for (const [key, f] of visit) {
      if (!rows.has(key)) {
        rows.set(key, {
          key,
          label: findingKeyLabel(f),
          type: f.type,
          region: f.region,
          segment: f.segment,
          side: f.side,
          cells: new Array<FindingProgressStatus | null>(visits.length).fill(null),
          latest: 'new',
        });
      }
    }
  }
  for (const row of rows.values()) {
    keyed.forEach((visit, i) => {
      const here = visit.has(row.key);
      const before = i > 0 && (keyed[i - 1]?.has(row.key) ?? false);
      const cell: FindingProgressStatus | null = here ? (before ? 'persisting' : 'new') : before ? 'resolved' : null;
      row.cells[i] = cell;
      if (cell !== null) row.latest = cell;
    });
  }
  return [...rows.values()];
}
