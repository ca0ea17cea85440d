/** One run of a patient's message: plain, or the phrase a red-flag rule matched. */
export interface TextSegment {
  text: string;
  flagged: boolean;
}

export interface TextRange {
  start: number;
  end: number;
}

/**
 * Cuts a message into plain and flagged runs from the matched offsets. The template renders each
 * run as text, so nothing the patient wrote is ever parsed as HTML. Overlapping or out-of-range
 * offsets (from an older rule set, say) are clamped and merged rather than trusted.
 */
export function highlightSegments(text: string, ranges: readonly TextRange[]): TextSegment[] {
  const clean = ranges
    .map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.end)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of clean) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const range of merged) {
    if (range.start > cursor) segments.push({ text: text.slice(cursor, range.start), flagged: false });
    segments.push({ text: text.slice(range.start, range.end), flagged: true });
    cursor = range.end;
  }
  if (cursor < text.length || segments.length === 0) segments.push({ text: text.slice(cursor), flagged: false });
  return segments;
}

/**
 * A one-line preview that keeps the first flagged phrase in view: when it sits beyond the
 * preview's length, the preview starts a little before it with an ellipsis.
 */
export function previewSegments(text: string, ranges: readonly TextRange[], maxLength = 140): TextSegment[] {
  const flat = text.replace(/\s+/g, ' ');
  // Collapsing whitespace moves offsets; recompute them on the flattened text by mapping indexes.
  const map: number[] = [];
  let out = 0;
  let previousSpace = false;
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]!);
    if (space && previousSpace) {
      map.push(out);
    } else {
      map.push(out);
      out++;
    }
    previousSpace = space;
  }
  map.push(out);
  const moved = ranges.map((r) => ({ start: map[Math.max(0, Math.min(text.length, r.start))]!, end: map[Math.max(0, Math.min(text.length, r.end))]! }));
  const first = moved.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start)[0];
  let from = 0;
  if (first && first.end > maxLength) from = Math.max(0, first.start - 30);
  const to = Math.min(flat.length, from + maxLength);
  const shifted = moved.map((r) => ({ start: r.start - from, end: r.end - from }));
  const segments = highlightSegments(flat.slice(from, to), shifted);
  if (from > 0) segments.unshift({ text: '…', flagged: false });
  if (to < flat.length) segments.push({ text: '…', flagged: false });
  return segments;
}
