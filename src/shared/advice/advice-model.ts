/**
 * Home-advice library: the shape of an advice module and of a sheet (DOMAIN.md sections 5 and 6).
 *
 * Free of TypeBox and of any framework so the Angular bundle can import the types, codes and the
 * inline-emphasis helpers without a validator. The matching schemas are in `advice.schema.ts`,
 * which proves at compile time that its Static types equal the types here.
 *
 * Conventions (as in the exam model): codes are kebab-case strings, keys are camelCase, and the
 * text a patient reads is plain text with one markup only, `**bold lower case**`, which the UI
 * turns into <strong> through `parseInline` (never through innerHTML).
 */

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export const ADVICE_CATEGORIES = [
  'stretching',
  'fluids',
  'food',
  'medicines',
  'pregnancy',
  'spine',
  'strengthening',
  'when-to-get-help',
] as const;
export type AdviceCategory = (typeof ADVICE_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<AdviceCategory, string>> = {
  stretching: 'Stretching',
  fluids: 'Drinks and fluids',
  food: 'Food',
  medicines: 'Medicines',
  pregnancy: 'Pregnancy',
  spine: 'Your spine',
  strengthening: 'Strengthening',
  'when-to-get-help': 'When to get help',
};

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
}

/** Numbered steps: the order matters (do this, then this). */
export interface StepsBlock {
  kind: 'steps';
  items: string[];
}

/** A bullet list: the order does not matter. */
export interface BulletsBlock {
  kind: 'bullets';
  items: string[];
}

/** Seconds to hold: one number, or a range [min, max] such as [20, 30]. */
export type HoldSeconds = number | [number, number];

/**
 * How much of an exercise to do. Structured rather than written into a paragraph so the
 * clinician can change one number for one patient without rewriting the module.
 */
export interface DoseBlock {
  kind: 'dose';
  holdSeconds?: HoldSeconds;
  repetitions?: number;
  /** True when the repetitions are for each leg (or arm) in turn. */
  perSide: boolean;
  /** In words, e.g. "every day". */
  howOften?: string;
  /** In words, e.g. "before bed". */
  whenInDay?: string;
}

export const CALLOUT_TONES = ['info', 'warning'] as const;
export type CalloutTone = (typeof CALLOUT_TONES)[number];

/** A boxed message: 'warning' for what must not be missed, 'info' for a helpful aside. */
export interface CalloutBlock {
  kind: 'callout';
  tone: CalloutTone;
  text: string;
}

export type AdviceBlock = ParagraphBlock | StepsBlock | BulletsBlock | DoseBlock | CalloutBlock;
export type AdviceBlockKind = AdviceBlock['kind'];
export const ADVICE_BLOCK_KINDS = ['paragraph', 'steps', 'bullets', 'dose', 'callout'] as const satisfies readonly AdviceBlockKind[];

// ---------------------------------------------------------------------------------------------
// Drawings (ids only; the SVG text is in drawings.ts so this file stays small)
// ---------------------------------------------------------------------------------------------

export const DRAWING_IDS = ['calf-stretch-wall', 'heel-drop-step', 'bridge', 'bedtime'] as const;
export type DrawingId = (typeof DRAWING_IDS)[number];

// ---------------------------------------------------------------------------------------------
// Conditions: facts about the patient that the drafting rules read from the exam
// ---------------------------------------------------------------------------------------------

/**
 * Plain condition codes a module can name in `appliesWhen` / `leaveOutWhen`. A closed list, so a
 * manager picks from it rather than typing a code that would never match. drafting.ts says how
 * each one is read from the exam; the labels are for the library editor.
 */
export const CONDITION_CODES = [
  'calf-cramp',
  'foot-cramp',
  'night-calf-cramp',
  'hamstring-cramp',
  'arm-cramp',
  'exercise-cramp',
  'fatigue-trigger',
  'dehydration-trigger',
  'long-posture-trigger',
  'weak-buttock-muscles',
  'other-muscle-imbalance',
  'facet-joint',
  'disc-irritation',
  'paraspinal-spasm',
  'cramp-medicine',
  'statin-muscle-symptoms',
  'pregnant',
  'pregnant-after-first-trimester',
  'fluid-restriction',
  'fluid-limit-unchecked',
  'kidney-disease',
  'liver-disease',
  'neurological-condition',
  'toxin-exposure',
  'always',
] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];

export const CONDITION_LABELS: Readonly<Record<ConditionCode, string>> = {
  'calf-cramp': 'Calf cramp',
  'foot-cramp': 'Foot cramp',
  'night-calf-cramp': 'Night calf cramp (in bed)',
  'hamstring-cramp': 'Cramp in the back of the thigh (hamstring)',
  'arm-cramp': 'Forearm or hand cramp',
  'exercise-cramp': 'Cramp during or after exercise',
  'fatigue-trigger': 'Cramp when muscles are tired',
  'dehydration-trigger': 'Cramp when not drinking enough',
  'long-posture-trigger': 'Cramp after holding one position for a long time',
  'weak-buttock-muscles': 'Weak buttock muscles (glutes)',
  'other-muscle-imbalance': 'Other muscle imbalance',
  'facet-joint': 'Facet joint sprain',
  'disc-irritation': 'Disc irritation',
  'paraspinal-spasm': 'Spasm of the muscles beside the spine',
  'cramp-medicine': 'Takes a medicine linked with cramp',
  'statin-muscle-symptoms': 'Takes a statin, with new muscle symptoms',
  pregnant: 'Pregnant',
  'pregnant-after-first-trimester': 'Pregnant, second or third trimester (or trimester not recorded)',
  'fluid-restriction': 'A doctor has limited fluids',
  'fluid-limit-unchecked': 'Kidney or liver disease, fluid limit not asked',
  'kidney-disease': 'Kidney disease',
  'liver-disease': 'Liver disease',
  'neurological-condition': 'Neurological condition',
  'toxin-exposure': 'Contact with lead or mercury',
  always: 'Every sheet',
};

export interface AdviceConditions {
  /** The module is proposed when any of these holds. Empty: only ever added by hand. */
  appliesWhen: ConditionCode[];
  /** The module is left out, with the reason, when any of these holds. */
  leaveOutWhen: ConditionCode[];
}

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

export interface AdviceModule {
  /** Stable slug (a-z, 0-9, single hyphens); versions of one module share it. */
  key: string;
  title: string;
  category: AdviceCategory;
  blocks: AdviceBlock[];
  illustration?: DrawingId;
  conditions: AdviceConditions;
  /**
   * Key of the module this one stands in for. It is proposed only when that module would have
   * applied but was left out by one of this module's `appliesWhen` conditions (e.g. "follow your
   * doctor's fluid advice" replaces "fluids" for someone told to limit fluids, and is not added
   * to a sheet that would never have had fluid advice).
   */
  replaces?: string;
  /** The clinical source, in words. */
  source: string;
  reviewer: string;
  /** ISO date, YYYY-MM-DD. */
  reviewDate: string;
}

export const MODULE_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const ADVICE_LIMITS = {
  keyLength: 64,
  title: 120,
  text: 1200,
  listItems: 20,
  blocks: 30,
  shortText: 120,
  conditions: CONDITION_CODES.length,
  holdSecondsMax: 600,
  repetitionsMax: 100,
  source: 1000,
  /** Modules on one sheet. */
  sheetItems: 30,
  reason: 400,
  personalNote: 1000,
} as const;

// ---------------------------------------------------------------------------------------------
// A sheet: the chosen modules, why, and the patient's own details
// ---------------------------------------------------------------------------------------------

export interface SheetItem {
  moduleKey: string;
  /** Why the module is on (or off) the sheet, in words, for the clinician. */
  reason: string;
}

export const PERSONAL_SIDES = ['left', 'right', 'both'] as const;
export type PersonalSide = (typeof PERSONAL_SIDES)[number];

/** One patient's changes to one module. Absent fields keep the module's own dose. */
export interface PersonalDetails {
  side?: PersonalSide;
  holdSeconds?: HoldSeconds;
  repetitions?: number;
  /** The clinician's own words for this patient, printed under the module. */
  note?: string;
}

export type PersonalDetailsByModule = Record<string, PersonalDetails>;

/** What a chiropractor saves while editing a sheet, before issuing it. */
export interface SheetDraft {
  items: SheetItem[];
  leftOut: SheetItem[];
  personal: PersonalDetailsByModule;
}

// ---------------------------------------------------------------------------------------------
// Inline emphasis: **bold lower case**
// ---------------------------------------------------------------------------------------------

export interface InlineSegment {
  text: string;
  strong: boolean;
}

/**
 * Splits text into plain and bold runs for the UI to render as text nodes and <strong> elements.
 * An unmatched `**` is kept as literal text rather than bolding the rest of the paragraph; the
 * editor reports it through `inlineMarkupIssues`.
 */
export function parseInline(text: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  const push = (t: string, strong: boolean): void => {
    if (t === '') return;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.strong === strong) last.text += t;
    else segments.push({ text: t, strong });
  };
  let rest = text;
  for (;;) {
    const open = rest.indexOf('**');
    if (open < 0) break;
    const close = rest.indexOf('**', open + 2);
    if (close < 0) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + 2, close), true);
    rest = rest.slice(close + 2);
  }
  push(rest, false);
  return segments;
}

/** The text without markup, as printed in plain text and read by the reading-age check. */
export function stripInline(text: string): string {
  return parseInline(text)
    .map((s) => s.text)
    .join('');
}

/** Problems with the markup in one piece of text, in words for the editor. */
export function inlineMarkupIssues(text: string): string[] {
  const issues: string[] = [];
  const markers = text.split('**').length - 1;
  if (markers % 2 !== 0) issues.push('Bold markers (**) do not pair up.');
  for (const s of parseInline(text)) {
    if (s.strong && s.text.trim() === '') issues.push('A bold part is empty.');
  }
  for (const shout of shoutedWords(text)) {
    issues.push(`Use bold lower case, not capitals, for emphasis: "${shout}".`);
  }
  return issues;
}

/**
 * Runs of capitals used for shouting (DOMAIN section 6: no capitals for emphasis). Short
 * initialisms (NHS, GP, A&E, DVT) are fine; a capital word of 4 or more letters, or two capital
 * words in a row ("DO NOT"), is shouting.
 */
export function shoutedWords(text: string): string[] {
  const tokens = stripInline(text).match(/[\p{L}&]+/gu) ?? [];
  const isCaps = (t: string): boolean => /^[\p{Lu}&]+$/u.test(t) && (t.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (!isCaps(t)) continue;
    const next = tokens[i + 1] ?? '';
    if (isCaps(next)) {
      found.push(`${t} ${next}`);
      i++;
    } else if ((t.match(/\p{Lu}/gu)?.length ?? 0) >= 4) {
      found.push(t);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Small helpers shared by drafting, rendering and the reading-age check
// ---------------------------------------------------------------------------------------------

/** The patient-facing text of a module's prose blocks (not the dose), markup stripped. */
export function moduleTextParts(module: Pick<AdviceModule, 'blocks'>): string[] {
  const parts: string[] = [];
  for (const block of module.blocks) {
    switch (block.kind) {
      case 'paragraph':
      case 'callout':
        parts.push(stripInline(block.text));
        break;
      case 'steps':
      case 'bullets':
        for (const item of block.items) parts.push(stripInline(item));
        break;
      case 'dose':
        break;
    }
  }
  return parts;
}

export function findModule(modules: readonly AdviceModule[], key: string): AdviceModule | undefined {
  return modules.find((m) => m.key === key);
}

/** True when `date` is YYYY-MM-DD and a real calendar day (no 31 February). */
export function isIsoDate(date: string): boolean {
  if (!ISO_DATE_PATTERN.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
