/**
 * Reading age of patient text: Flesch–Kincaid grade level, shown as a UK reading age.
 *
 *   grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
 *   reading age = grade + 5   (a US grade starts at age 5–6; NHS content guides use this step)
 *
 * The target (DOMAIN.md section 6) is a reading age of 9–11; the editor warns above 11.
 *
 * Counting choices, each made so the number matches what a reader meets on paper:
 * - Every step and bullet counts as a sentence even without a full stop, as readers take each
 *   list item as one thought (the NHS and most readability tools treat list items this way).
 * - Hyphenated words ("pale-yellow") are one word whose syllables are summed, as in the original
 *   formula.
 * - Numbers count as the words a reader says ("20" is "twenty", 2 syllables).
 * - Short all-capital words are spoken letter by letter ("NHS" is 3 syllables, "GP" 2).
 * - The dose block is left out: it is a few numbers laid out as a table, not prose.
 */
import { moduleTextParts, stripInline, type AdviceModule, type PersonalDetailsByModule } from './advice-model';

/** The reading age above which the editor warns. */
export const READING_AGE_TARGET = 11;

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch–Kincaid grade, one decimal place; may be below 0 for very simple text. */
  grade: number;
  /** UK reading age, one decimal: grade + 5, never below 5; 0 when there is no text at all. */
  readingAge: number;
}

// ---------------------------------------------------------------------------------------------
// Syllables
// ---------------------------------------------------------------------------------------------

/**
 * Words the rules below get wrong and that turn up in health text. Lower case, exact word.
 */
const SYLLABLE_EXCEPTIONS: Readonly<Record<string, number>> = {
  maybe: 2,
  area: 3,
  areas: 3,
  idea: 3,
  ideas: 3,
  create: 2,
  created: 3,
  every: 2,
  everyone: 3,
  everything: 3,
  everyday: 3,
  evening: 2,
  evenings: 2,
  business: 2,
  science: 2,
  quiet: 2,
  fluid: 2,
  fluids: 2,
  diet: 2,
  diets: 2,
  sciatica: 4,
  real: 1,
  really: 2,
  being: 2,
  poem: 2,
  lion: 2,
  naive: 2,
  someone: 2,
  something: 2,
  sometimes: 2,
  somewhere: 2,
  anyone: 3,
  whereas: 2,
  therefore: 2,
  little: 2,
  lifestyle: 2,
  likely: 2,
  lonely: 2,
  safely: 2,
  lately: 2,
  nicely: 2,
  useful: 2,
  hopeful: 2,
  careful: 2,
  carefully: 3,
  forehead: 2,
  hydrated: 3,
  vitamin: 3,
  vitamins: 3,
  osteoporosis: 6,
};

/** Plural or third-person "-es" that is its own syllable: after s, x, z, ch, sh, ce, ge. */
const SYLLABIC_ES = /(?:[sxz]|ch|sh|[cg])es$/;

/** Syllables in one English word (letters only, any case). Always at least 1. */
export function countSyllables(input: string): number {
  let word = input.toLowerCase().replace(/[^a-z]/g, '');
  if (word === '') return 0;
  const known = SYLLABLE_EXCEPTIONS[word];
  if (known !== undefined) return known;
  if (word.length <= 3) return 1;

  let extra = 0;
  // "-ing" after a vowel is a syllable of its own (be-ing, ly-ing, go-ing) that the vowel-group
  // count would merge with the vowel before it.
  if (/[aeiouy]ing$/.test(word)) extra += 1;

  // "-es": silent after most letters (times, toes), spoken after s/x/z/ch/sh/ce/ge (glass-es).
  if (word.endsWith('es') && !SYLLABIC_ES.test(word)) word = word.slice(0, -1);
  // "-ed": silent except after t or d (rest-ed, need-ed).
  else if (word.endsWith('ed') && !/[td]ed$/.test(word) && word.length > 3) word = word.slice(0, -2);

  // Silent final e (make, whole), but not in consonant + "le" (ta-ble), "ee" (knee) or
  // consonant + "re" (li-tre, cen-tre).
  if (word.endsWith('e') && !word.endsWith('ee') && !/[^aeiouy]le$/.test(word) && !/[^aeiouy]re$/.test(word)) {
    word = word.slice(0, -1);
  }

  const groups = word.match(/[aeiouy]+/g)?.length ?? 0;
  // Vowel pairs usually said as two syllables (pe-ri-od, me-di-um, u-su-al), except where the
  // i is part of -tion, -sion, -cian, -gion, -xion, -cious.
  const split = word.match(/(?<![tscgx])i[aou]|ua|uo/g)?.length ?? 0;
  return Math.max(1, groups + split + extra);
}

const SMALL_NUMBERS = [
  2, 1, 1, 1, 1, 1, 1, 2, 1, 1, // zero..nine
  1, 3, 1, 2, 2, 2, 2, 3, 2, 2, // ten..nineteen
];
const TENS = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2]; // -, -, twenty, thirty, ... seventy, eighty, ninety

/** Syllables in a whole number said aloud in British English ("one hundred and twenty"). */
function integerSyllables(n: number): number {
  if (n === 0) return 2;
  if (n >= 1_000_000) return 6; // "a million and more": rare in patient text, rough on purpose
  let total = 0;
  let rest = n;
  if (rest >= 1000) {
    total += integerSyllables(Math.floor(rest / 1000)) + 2; // "thousand"
    rest %= 1000;
    if (rest > 0 && rest < 100) total += 1; // "and"
  }
  if (rest >= 100) {
    total += integerSyllables(Math.floor(rest / 100)) + 2; // "hundred"
    rest %= 100;
    if (rest > 0) total += 1; // "and"
  }
  if (rest >= 20) {
    total += TENS[Math.floor(rest / 10)] ?? 2;
    rest %= 10;
  }
  if (rest > 0) total += SMALL_NUMBERS[rest] ?? 1;
  return total;
}

/** Syllables in a token with digits: "20" → 2, "1.5" → "one point five" → 3, "6th" ~ "six". */
function numberSyllables(token: string): number {
  const parts = token.match(/\d+/g) ?? [];
  let total = 0;
  for (const p of parts) {
    // Long digit strings (phone numbers) are read digit by digit.
    // So are repeated digits: UK readers say 999 and 111 as "nine nine nine", "one one one".
    const byDigit = p.length > 4 || /^(\d)\1{2,}$/.test(p);
    total += byDigit ? [...p].reduce((sum, d) => sum + (SMALL_NUMBERS[Number(d)] ?? 1), 0) : integerSyllables(Number(p));
  }
  // Decimal point or other joiners are spoken ("point").
  total += Math.max(0, parts.length - 1);
  return Math.max(1, total);
}

/** Letters said one by one: most are one syllable, W is three ("double-you"). */
function initialismSyllables(token: string): number {
  let total = 0;
  for (const ch of token) if (/[A-Z]/.test(ch)) total += ch === 'W' ? 3 : 1;
  // "A&E" is said "A and E".
  total += (token.match(/&/g) ?? []).length;
  return Math.max(1, total);
}

/** A word as it appears in text: contractions, ampersands and hyphens held together. */
const WORD = /[\p{L}\p{N}]+(?:['’&\-][\p{L}\p{N}]+)*/gu;

/** Syllables in one token as it appears in text ("don't", "A&E", "pale-yellow", "20"). */
export function tokenSyllables(token: string): number {
  if (/\d/.test(token)) return numberSyllables(token);
  if (/^[A-Z&]{2,5}$/.test(token)) return initialismSyllables(token);
  if (token.includes('-')) return token.split('-').reduce((sum, part) => sum + tokenSyllables(part), 0);
  const [base = '', suffix] = token.split(/['’]/);
  let n = countSyllables(base);
  // "didn't", "isn't", "wouldn't" add a syllable; "don't", "can't", "won't" do not.
  if (suffix?.toLowerCase() === 't' && /n$/i.test(base) && !/^(?:do|ca|wo)n$/i.test(base)) n += 1;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Sentences and scores
// ---------------------------------------------------------------------------------------------

/** Sentences in a piece of text: ends at . ! ? (followed by a space or the end). */
function sentencesOf(text: string): string[] {
  return text
    .split(/[.!?]+(?=\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

interface Counts {
  words: number;
  sentences: number;
  syllables: number;
}

function countParts(parts: readonly string[]): Counts {
  const counts: Counts = { words: 0, sentences: 0, syllables: 0 };
  for (const part of parts) {
    for (const sentence of sentencesOf(stripInline(part))) {
      const words = sentence.match(WORD) ?? [];
      if (words.length === 0) continue;
      counts.sentences += 1;
      counts.words += words.length;
      for (const w of words) counts.syllables += tokenSyllables(w);
    }
  }
  return counts;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function score(counts: Counts): Readability {
  if (counts.words === 0) return { ...counts, grade: 0, readingAge: 0 };
  const grade = 0.39 * (counts.words / counts.sentences) + 11.8 * (counts.syllables / counts.words) - 15.59;
  // A reading age under 5 means nothing to an editor; 5 is "a beginner can read this".
  return { ...counts, grade: round1(grade), readingAge: round1(Math.max(5, grade + 5)) };
}

/**
 * Each part is read as its own unit of one or more sentences (a paragraph, a step, a bullet),
 * so a list item without a full stop still ends a sentence.
 */
export function readabilityOf(parts: readonly string[]): Readability {
  return score(countParts(parts));
}

/** Full scores for one piece of text (paragraphs may be separated by blank lines). */
export function readability(text: string): Readability {
  return readabilityOf([text]);
}

/** UK reading age of a piece of text (see `Readability.readingAge`). */
export function readingAge(text: string): number {
  return readability(text).readingAge;
}

export function moduleReadability(module: Pick<AdviceModule, 'blocks'>): Readability {
  return readabilityOf(moduleTextParts(module));
}

/** UK reading age of a module's prose: paragraphs, steps, bullets and callouts. */
export function moduleReadingAge(module: Pick<AdviceModule, 'blocks'>): number {
  return moduleReadability(module).readingAge;
}

/**
 * UK reading age of a whole sheet: all its modules counted as one text (Flesch–Kincaid is a
 * property of the whole text, not an average of its parts), with the clinician's notes when
 * given, because the patient reads those too.
 */
export function sheetReadingAge(
  modules: readonly Pick<AdviceModule, 'key' | 'blocks'>[],
  personal: PersonalDetailsByModule = {},
): number {
  return sheetReadability(modules, personal).readingAge;
}

export function sheetReadability(
  modules: readonly Pick<AdviceModule, 'key' | 'blocks'>[],
  personal: PersonalDetailsByModule = {},
): Readability {
  const parts: string[] = [];
  for (const m of modules) {
    parts.push(...moduleTextParts(m));
    const note = Object.hasOwn(personal, m.key) ? personal[m.key]?.note : undefined;
    if (note !== undefined && note.trim() !== '') parts.push(note);
  }
  return readabilityOf(parts);
}
