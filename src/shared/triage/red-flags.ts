/**
 * Red-flag screening of a patient's own words (DOMAIN.md section 2).
 *
 * The front desk recognises and escalates; it never diagnoses. So this module only answers "which
 * words in this message should make a receptionist stop and act, and what should they do", with
 * the exact characters to highlight. The phrase tables live in red-flag-rules.ts and
 * red-flag-lexicon.ts; this file is the machinery that reads messages the way people write them.
 *
 * Why token matching rather than one large regular expression: people put words in any order
 * ("my legs have both gone numb"), with words in between, misspelt, in text-speak, and often
 * deny a symptom in the same breath ("no fever but I can't pee"). Tokens with proximity windows,
 * synonym sets, small-typo tolerance and a scoped negation check handle all of that while keeping
 * the vocabulary readable.
 *
 * Recall comes first. Where the engine cannot tell, it flags: a negation only cancels a symptom
 * when it clearly reaches it, and every uncertain case falls on the side of showing the flag.
 */
import {
  CLAUSE_OPENERS,
  HARMLESS_PHRASES,
  NEGATION_CANCELLED_BY,
  NEGATION_CUES,
  NEGATION_STOPPERS,
  NOT_CONTRACTIONS,
  NUMBER_WORDS,
  PSEUDO_NEGATIONS,
  TOKEN_REWRITES,
  TRAILING_NEGATIONS,
  WORDS_THAT_ARE_NOT_TYPOS,
} from './red-flag-lexicon';
import {
  CONCEPTS,
  RED_FLAG_RULES,
  type RedFlagLevel,
  type RedFlagPattern,
  type RedFlagRule,
} from './red-flag-rules';

export type { RedFlagLevel, RedFlagPattern, RedFlagPatternSpec, RedFlagRule } from './red-flag-rules';
export { CONCEPTS as RED_FLAG_CONCEPTS, RED_FLAG_RULES } from './red-flag-rules';

export type TriagePriority = 'emergency' | 'urgent' | 'routine';

export interface RedFlag {
  /** Stable id such as 'cauda-equina', 'stroke', 'dvt', 'statin'. */
  category: string;
  /** Short staff-facing name. */
  label: string;
  /** 'gp' flags are notes for the request; they never raise the priority above routine. */
  level: RedFlagLevel;
  /** What the receptionist does. */
  action: string;
  /** A short plain-English script for the call. */
  script: string;
  /** The exact characters of the original message that matched. */
  phrase: string;
  /** Offsets into the original message: `text.slice(start, end) === phrase`. */
  start: number;
  end: number;
}

export interface ScreeningResult {
  priority: TriagePriority;
  /** Most serious first, then in reading order. */
  redFlags: RedFlag[];
}

/** How far a "no", "not", "without" reaches forward, in words. */
const NEGATION_REACH = 6;
/** Guards against pathological input; real messages produce a handful of candidates per pattern. */
const MAX_CANDIDATES_PER_PATTERN = 400;
const MIN_TYPO_LENGTH = 6;
const MIN_TWO_TYPO_LENGTH = 10;

const LEVEL_RANK: Readonly<Record<RedFlagLevel, number>> = { emergency: 3, urgent: 2, gp: 1 };

/**
 * Screen one message. Pure and synchronous, so the server can screen at intake and the UI can
 * show the same highlights while a receptionist reads or edits a request.
 */
export function screenMessage(text: string): ScreeningResult {
  if (typeof text !== 'string' || text.trim() === '') return { priority: 'routine', redFlags: [] };
  const message = new ScreenedMessage(text, compiledRules());
  const flags = removeOverlaps(message.allFlags());
  flags.sort((a, b) => LEVEL_RANK[b.flag.level] - LEVEL_RANK[a.flag.level] || a.flag.start - b.flag.start);
  const redFlags = flags.map((candidate) => candidate.flag);
  return { priority: priorityOf(redFlags), redFlags };
}

/** The highest level found; 'gp' notes leave a request routine. */
export function priorityOf(redFlags: readonly Pick<RedFlag, 'level'>[]): TriagePriority {
  if (redFlags.some((flag) => flag.level === 'emergency')) return 'emergency';
  if (redFlags.some((flag) => flag.level === 'urgent')) return 'urgent';
  return 'routine';
}

/** One entry per category, for legends, filters and the "when to get help" list. */
export function redFlagCategories(): { category: string; label: string; level: RedFlagLevel }[] {
  const seen = new Map<string, { category: string; label: string; level: RedFlagLevel }>();
  for (const rule of RED_FLAG_RULES) {
    if (!seen.has(rule.category)) seen.set(rule.category, { category: rule.category, label: rule.label, level: rule.level });
  }
  return [...seen.values()];
}

// =============================================================================================
// Words: normalising what people type
// =============================================================================================

/** Own entries only: a patient who types "constructor" must not reach Object.prototype. */
function lookUp<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Lower case, no accents, no apostrophes, no runs of 3+ identical letters ("sooo", "numbbbb"). */
function plainWord(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/**
 * Fold British and US spellings onto one form so the tables need list only one:
 * anaesthesia/anesthesia, faeces/feces, oedema/edema, tumour/tumor, paralysed/paralyzed.
 */
function canonicalSpelling(word: string): string {
  let folded = word.replace(/ae/g, 'e').replace(/^oe/, 'e');
  if (folded.length >= 6) folded = folded.replace(/our(?=(s|ed|ing|ful|less|ation|ations)?$)/, 'or');
  return folded.replace(/ys(e|ed|es|ing)$/, 'yz$1');
}

/** One typed word becomes one or more table words ("backpain" is two). */
function tableWords(raw: string): string[] {
  const plain = plainWord(raw);
  const rewritten = lookUp(TOKEN_REWRITES, plain);
  const words = rewritten !== undefined ? rewritten.split(' ') : [plain];
  return words.map(canonicalSpelling);
}

/** Plural folding without a stemmer: "legs" meets "leg", "calves" is listed separately. */
function pluralKeys(word: string): string[] {
  const keys = [word];
  if (word.length >= 5 && word.endsWith('ies')) keys.push(word.slice(0, -3) + 'y');
  if (word.length >= 5 && /(s|x|z|ch|sh)es$/.test(word)) keys.push(word.slice(0, -2));
  if (word.length >= 4 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) keys.push(word.slice(0, -1));
  return keys;
}

/** Optimal-string-alignment distance (a swap of neighbours counts once), giving up above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

// =============================================================================================
// Compiling the tables once
// =============================================================================================

interface WordPiece {
  readonly kind: 'word';
  readonly text: string;
  /** Only this exact form (no plural folding, no typo tolerance). */
  readonly exact: boolean;
  readonly keys: readonly string[];
}

interface NumberPiece {
  readonly kind: 'number';
  readonly atLeast: number;
}

type Piece = WordPiece | NumberPiece;
type Phrase = readonly Piece[];

/** All the phrases one term stands for, indexed by the first word for speed. */
interface CompiledTerm {
  readonly source: string;
  readonly byFirstKey: ReadonlyMap<string, readonly Phrase[]>;
  readonly byFirstExact: ReadonlyMap<string, readonly Phrase[]>;
  readonly numberFirst: readonly Phrase[];
}

interface CompiledPattern {
  readonly terms: readonly CompiledTerm[];
  readonly within: number;
  readonly ordered: boolean;
}

interface CompiledRule {
  readonly rule: RedFlagRule;
  readonly order: number;
  readonly match: readonly CompiledPattern[];
  readonly needs: readonly CompiledPattern[];
  readonly unlessNear: readonly CompiledTerm[];
  readonly unlessWithin: number;
}

interface Compiled {
  readonly rules: readonly CompiledRule[];
  /** Table words long enough to be reached by a typo. */
  readonly typoTargets: ReadonlyMap<string, readonly string[]>;
  /** Words never read as typos, because they are themselves table words or real look-alikes. */
  readonly knownWords: ReadonlySet<string>;
  readonly harmless: CompiledTerm;
  readonly cues: CompiledTerm;
  readonly pseudoCues: CompiledTerm;
  readonly cancelWords: CompiledTerm;
  readonly trailingCues: CompiledTerm;
  readonly stoppers: ReadonlySet<string>;
  readonly clauseOpeners: ReadonlySet<string>;
}

let compiledCache: Compiled | null = null;

function compiledRules(): Compiled {
  compiledCache ??= compileAll();
  return compiledCache;
}

function compileAll(): Compiled {
  const tableVocabulary = new Set<string>();
  const termCache = new Map<string, CompiledTerm>();

  const parsePhrase = (source: string): Phrase =>
    mergeNotContractions(source.trim().split(/\s+/)).flatMap((part): Piece[] => {
      const numberMatch = /^#>=(\d+)$/.exec(part);
      if (numberMatch) return [{ kind: 'number', atLeast: Number(numberMatch[1]) }];
      const exact = part.startsWith('=');
      return tableWords(exact ? part.slice(1) : part).map((text): WordPiece => {
        if (!exact) tableVocabulary.add(text);
        return { kind: 'word', text, exact, keys: pluralKeys(text) };
      });
    });

  const expand = (alternative: string, trail: readonly string[]): Phrase[] => {
    if (!alternative.startsWith('@')) return [parsePhrase(alternative)];
    const name = alternative.slice(1);
    const entries = lookUp(CONCEPTS, name);
    if (entries === undefined) throw new Error(`red-flag tables: unknown concept @${name}`);
    if (trail.includes(name)) throw new Error(`red-flag tables: concept @${name} includes itself`);
    return entries.flatMap((entry) => expand(entry, [...trail, name]));
  };

  const compileTerm = (source: string): CompiledTerm => {
    const cached = termCache.get(source);
    if (cached) return cached;
    const byFirstKey = new Map<string, Phrase[]>();
    const byFirstExact = new Map<string, Phrase[]>();
    const numberFirst: Phrase[] = [];
    const phrases = source.split('|').flatMap((alternative) => expand(alternative.trim(), []));
    for (const phrase of phrases) {
      const first = phrase[0];
      if (first === undefined) continue;
      if (first.kind === 'number') numberFirst.push(phrase);
      else if (first.exact) pushTo(byFirstExact, first.text, phrase);
      else for (const key of first.keys) pushTo(byFirstKey, key, phrase);
    }
    const term: CompiledTerm = { source, byFirstKey, byFirstExact, numberFirst };
    termCache.set(source, term);
    return term;
  };

  const compilePattern = (pattern: RedFlagPattern): CompiledPattern => {
    const spec = isPatternSpec(pattern) ? pattern : { all: pattern };
    const terms = spec.all.map(compileTerm);
    return { terms, within: spec.within ?? (terms.length > 2 ? 10 : 8), ordered: spec.ordered ?? false };
  };

  const rules = RED_FLAG_RULES.map((rule, order): CompiledRule => ({
    rule,
    order,
    match: rule.match.map(compilePattern),
    needs: (rule.needs ?? []).map(compilePattern),
    unlessNear: (rule.unlessNear ?? []).map(compileTerm),
    unlessWithin: rule.unlessWithin ?? 6,
  }));

  // Lexicon phrases are matched exactly: typo tolerance on "no" or "not" would invent denials.
  const exactTerm = (phrases: readonly string[]): CompiledTerm =>
    compileTerm(phrases.map((phrase) => phrase.split(/\s+/).map((word) => `=${word}`).join(' ')).join('|'));

  const knownWords = new Set<string>();
  for (const word of tableVocabulary) for (const key of pluralKeys(word)) knownWords.add(key);
  const lexiconWords = [...WORDS_THAT_ARE_NOT_TYPOS, ...NEGATION_CUES, ...NEGATION_STOPPERS, ...CLAUSE_OPENERS];
  for (const phrase of lexiconWords) for (const word of phrase.split(' ')) knownWords.add(canonicalSpelling(word));

  const typoTargets = new Map<string, string[]>();
  for (const word of tableVocabulary) {
    if (word.length >= MIN_TYPO_LENGTH && /^\p{L}+$/u.test(word)) pushTo(typoTargets, word[0]!, word);
  }

  return {
    rules,
    typoTargets,
    knownWords,
    harmless: compileTerm(HARMLESS_PHRASES.join('|')),
    cues: exactTerm(NEGATION_CUES),
    pseudoCues: exactTerm(PSEUDO_NEGATIONS),
    cancelWords: exactTerm(NEGATION_CANCELLED_BY),
    trailingCues: exactTerm(TRAILING_NEGATIONS),
    stoppers: new Set(NEGATION_STOPPERS),
    clauseOpeners: new Set(CLAUSE_OPENERS),
  };
}

/** ["can", "not"] → ["cannot"]; "=can" and "#>=1" parts are left alone. */
function mergeNotContractions(words: readonly string[]): string[] {
  const merged: string[] = [];
  for (const word of words) {
    const previous = merged.at(-1);
    const contraction = previous === undefined ? undefined : lookUp(NOT_CONTRACTIONS, previous);
    if (word === 'not' && contraction !== undefined) merged[merged.length - 1] = contraction;
    else merged.push(word);
  }
  return merged;
}

function isPatternSpec(pattern: RedFlagPattern): pattern is Extract<RedFlagPattern, { all: readonly string[] }> {
  return !Array.isArray(pattern);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// =============================================================================================
// One message
// =============================================================================================

interface Word {
  /** Normalised spellings tried when matching (more than one after a run of repeated letters). */
  readonly forms: readonly string[];
  /** Every key this word can stand for: its plural folds and the table words it is a typo of. */
  readonly keys: ReadonlySet<string>;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly numericValue: number | null;
  /** Punctuation between this word and the next, e.g. ',' or ':' ('' for none). */
  readonly punctuationAfter: string;
  masked: boolean;
}

/** A run of words [first, last] that one phrase matched. */
interface Span {
  readonly first: number;
  readonly last: number;
}

interface Candidate {
  readonly words: readonly number[];
  readonly first: number;
  readonly last: number;
}

interface FlagCandidate {
  readonly flag: RedFlag;
  readonly order: number;
}

const SENTENCE_END = /[.!?;\n]/;
const TOKEN_PATTERN = /w\/o|w\/|\p{N}+(?:\.\p{N}+)?|[\p{L}\p{N}]+(?:['’‘`]\p{L}+)*|&|\s[-–—]+\s|[.!?;:,\n…()]/gu;

class ScreenedMessage {
  private readonly words: Word[] = [];
  private readonly occurrenceCache = new Map<string, Span[]>();
  /** For each word, the negation cues whose reach covers it. */
  private readonly negatedBy: Span[][];

  constructor(
    private readonly text: string,
    private readonly compiled: Compiled,
  ) {
    this.tokenise();
    for (const span of this.occurrences(compiled.harmless)) {
      for (let i = span.first; i <= span.last; i++) this.words[i]!.masked = true;
    }
    this.negatedBy = this.words.map(() => []);
    this.markNegations();
  }

  allFlags(): FlagCandidate[] {
    const flags: FlagCandidate[] = [];
    for (const compiledRule of this.compiled.rules) {
      if (compiledRule.needs.length > 0 && !compiledRule.needs.some((pattern) => this.firstAffirmed(pattern))) continue;
      const affirmed = compiledRule.match.flatMap((pattern) =>
        this.candidates(pattern, (candidate) => !this.isDenied(candidate) && !this.isExcused(candidate, compiledRule)),
      );
      for (const span of this.mergeNearby(affirmed)) {
        flags.push({ flag: this.toFlag(compiledRule.rule, span), order: compiledRule.order });
      }
    }
    return flags;
  }

  // ----- tokens -------------------------------------------------------------------------------

  private tokenise(): void {
    let sentence = 0;
    for (const match of this.text.matchAll(TOKEN_PATTERN)) {
      const raw = match[0];
      const start = match.index;
      const end = start + raw.length;
      if (/^[.!?;:,\n…()]$/.test(raw) || /^\s[-–—]+\s$/.test(raw)) {
        const previous = this.words.at(-1);
        if (previous && previous.sentence === sentence) {
          this.words[this.words.length - 1] = { ...previous, punctuationAfter: previous.punctuationAfter + raw.trim() || ',' };
        }
        if (SENTENCE_END.test(raw)) sentence++;
        continue;
      }
      const lowered = raw.toLowerCase();
      const pieces = lowered === 'w/o' ? ['without'] : lowered === 'w/' ? ['with'] : lowered === '&' ? ['and'] : this.splitDigits(raw);
      const hadLongRun = /(\p{L})\1{2,}/u.test(lowered);
      for (const piece of pieces) {
        for (const word of tableWords(piece)) this.pushWord(word, hadLongRun, start, end, sentence);
      }
    }
  }

  /** Adds a word, reading "can not" as "cannot" the way the tables were compiled. */
  private pushWord(word: string, hadLongRun: boolean, start: number, end: number, sentence: number): void {
    const previous = this.words.at(-1);
    const contraction = previous && lookUp(NOT_CONTRACTIONS, previous.forms[0]!);
    if (word === 'not' && previous && contraction !== undefined && previous.sentence === sentence && previous.punctuationAfter === '') {
      this.words[this.words.length - 1] = this.makeWord(contraction, false, previous.start, end, sentence);
      return;
    }
    this.words.push(this.makeWord(word, hadLongRun, start, end, sentence));
  }

  /** "10min" and "20mins" are a number and a unit; "b4" and "2nite" are rewritten whole first. */
  private splitDigits(raw: string): string[] {
    const plain = plainWord(raw);
    if (lookUp(TOKEN_REWRITES, plain) !== undefined || !/\p{N}/u.test(plain) || /^\p{N}+(\.\p{N}+)?$/u.test(plain)) return [raw];
    return plain.match(/\p{N}+|\p{L}+/gu) ?? [raw];
  }

  /**
   * `hadLongRun`: the patient held a key down ("painnnn", "weeee"). Such a word was cut to two
   * letters already; one letter is tried as well. Ordinary double letters are left alone, because
   * "peeling" squeezed to "peling" would read as "peeing".
   */
  private makeWord(word: string, hadLongRun: boolean, start: number, end: number, sentence: number): Word {
    const forms = [word];
    const squeezed = word.replace(/(\p{L})\1+/gu, '$1');
    if (hadLongRun && squeezed !== word) forms.push(squeezed);
    const keys = new Set<string>();
    const isKnown = isKnownWord(word, this.compiled);
    for (const form of forms) {
      for (const key of pluralKeys(form)) keys.add(key);
      if (isKnown) continue;
      for (const target of typoTargetsOf(form, this.compiled)) for (const key of pluralKeys(target)) keys.add(key);
    }
    const numeric = /^\d+(\.\d+)?$/.test(word) ? Number(word) : (lookUp(NUMBER_WORDS, word) ?? null);
    return { forms, keys, start, end, sentence, numericValue: numeric, punctuationAfter: '', masked: false };
  }

  // ----- phrases ------------------------------------------------------------------------------

  /** Where a term's phrases occur, within one sentence each, never over blanked-out words. */
  private occurrences(term: CompiledTerm): Span[] {
    const cached = this.occurrenceCache.get(term.source);
    if (cached) return cached;
    const spans: Span[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < this.words.length; index++) {
      const word = this.words[index]!;
      if (word.masked) continue;
      const phrases = new Set<Phrase>(word.numericValue !== null ? term.numberFirst : []);
      for (const key of word.keys) for (const phrase of term.byFirstKey.get(key) ?? []) phrases.add(phrase);
      for (const form of word.forms) for (const phrase of term.byFirstExact.get(form) ?? []) phrases.add(phrase);
      for (const phrase of phrases) {
        const last = this.matchPhrase(phrase, 0, index, word.sentence);
        if (last === null) continue;
        const id = `${index}:${last}`;
        if (!seen.has(id)) {
          seen.add(id);
          spans.push({ first: index, last });
        }
      }
    }
    this.occurrenceCache.set(term.source, spans);
    return spans;
  }

  /** The index of the last word matched, or null. */
  private matchPhrase(phrase: Phrase, pieceIndex: number, wordIndex: number, sentence: number): number | null {
    const piece = phrase[pieceIndex];
    if (piece === undefined) return wordIndex - 1;
    const word = this.words[wordIndex];
    if (word === undefined || word.masked || word.sentence !== sentence) return null;
    if (piece.kind === 'number') {
      // "10-15 minutes", "ten to fifteen minutes", "twenty five minutes": the larger number counts
      let last = wordIndex;
      let largest = word.numericValue;
      if (largest === null) return null;
      for (let next = wordIndex + 1; next < this.words.length; next++) {
        const candidate = this.words[next]!;
        const linked = ['to', 'or', 'and'].includes(candidate.forms[0]!) ? this.words[next + 1] : candidate;
        if (linked === undefined || linked.numericValue === null || linked.sentence !== sentence) break;
        largest = Math.max(largest, linked.numericValue);
        last = linked === candidate ? next : next + 1;
        next = last;
      }
      if (largest < piece.atLeast) return null;
      return this.matchPhrase(phrase, pieceIndex + 1, last + 1, sentence);
    }
    const matches = piece.exact ? word.forms.includes(piece.text) : piece.keys.some((key) => word.keys.has(key));
    return matches ? this.matchPhrase(phrase, pieceIndex + 1, wordIndex + 1, sentence) : null;
  }

  /**
   * The ways the pattern's terms sit together in one sentence within its window that `accept`
   * keeps. The cap counts only accepted ones, so denied mentions can never crowd out a real one.
   */
  private candidates(pattern: CompiledPattern, accept: (candidate: Candidate) => boolean, limit = MAX_CANDIDATES_PER_PATTERN): Candidate[] {
    const perTerm = pattern.terms.map((term) => this.occurrences(term));
    if (perTerm.some((spans) => spans.length === 0)) return [];
    const found: Candidate[] = [];
    const chosen: Span[] = [];
    const search = (termIndex: number): void => {
      if (found.length >= limit) return;
      if (termIndex === perTerm.length) {
        const first = Math.min(...chosen.map((span) => span.first));
        const last = Math.max(...chosen.map((span) => span.last));
        const words = chosen.flatMap((span) => rangeOf(span)).sort((a, b) => a - b);
        const candidate = { words, first, last };
        if (accept(candidate)) found.push(candidate);
        return;
      }
      for (const span of perTerm[termIndex]!) {
        if (found.length >= limit) return;
        const anchor = chosen[0];
        if (anchor && Math.abs(span.first - anchor.first) > pattern.within + span.last - span.first) continue;
        if (anchor && this.words[anchor.first]!.sentence !== this.words[span.first]!.sentence) continue;
        if (chosen.some((other) => span.first <= other.last && span.last >= other.first)) continue;
        const previous = chosen.at(-1);
        if (pattern.ordered && previous && span.first <= previous.last) continue;
        const first = Math.min(span.first, ...chosen.map((other) => other.first));
        const last = Math.max(span.last, ...chosen.map((other) => other.last));
        if (last - first + 1 > pattern.within && perTerm.length > 1) continue;
        chosen.push(span);
        search(termIndex + 1);
        chosen.pop();
      }
    };
    search(0);
    return found;
  }

  /**
   * One highlight per stretch of text: "fell" + "off a ladder" is "fell off a ladder", and
   * "numbess in my groin" + "groin and tingleing" is one phrase, not two overlapping ones.
   */
  private mergeNearby(candidates: readonly Candidate[]): Span[] {
    const merged: { first: number; last: number }[] = [];
    for (const candidate of [...candidates].sort((a, b) => a.first - b.first || b.last - a.last)) {
      const current = merged.at(-1);
      const sameSentence = current && this.words[current.first]!.sentence === this.words[candidate.first]!.sentence;
      if (current && sameSentence && candidate.first <= current.last + 2) current.last = Math.max(current.last, candidate.last);
      else merged.push({ first: candidate.first, last: candidate.last });
    }
    return merged;
  }

  private firstAffirmed(pattern: CompiledPattern): Candidate | undefined {
    return this.candidates(pattern, (candidate) => !this.isDenied(candidate), 1)[0];
  }

  /** History or someone else's illness close by ("a stroke years ago", "my nan had cancer"). */
  private isExcused(candidate: Candidate, compiledRule: CompiledRule): boolean {
    const sentence = this.words[candidate.first]!.sentence;
    const reach = compiledRule.unlessWithin;
    return compiledRule.unlessNear.some((term) =>
      this.occurrences(term).some(
        (span) =>
          this.words[span.first]!.sentence === sentence &&
          span.last >= candidate.first - reach &&
          span.first <= candidate.last + reach &&
          !this.isDenied({ words: rangeOf(span), first: span.first, last: span.last }),
      ),
    );
  }

  // ----- negation -----------------------------------------------------------------------------

  /**
   * A match is denied when a negation cue that is not itself part of the match reaches any of its
   * words, or when a form-style answer follows it ("Chest pain: no"). The cue being part of the
   * match is what lets "no feeling down below" and "can't pee" stay positive.
   */
  private isDenied(candidate: Candidate): boolean {
    const inMatch = new Set(candidate.words);
    for (const index of candidate.words) {
      for (const cue of this.negatedBy[index]!) {
        if (!rangeOf(cue).some((cueWord) => inMatch.has(cueWord))) return true;
      }
    }
    return this.hasTrailingDenial(candidate.last);
  }

  /**
   * "Chest pain: no", "Numbness? None." The answer must stand on its own (end of text or
   * punctuation after it), otherwise "back pain, no numbness" would deny the back pain.
   */
  private hasTrailingDenial(lastWord: number): boolean {
    const last = this.words[lastWord]!;
    const answer = this.occurrences(this.compiled.trailingCues).find((cue) => cue.first === lastWord + 1);
    if (answer === undefined) return false;
    const answerStart = this.words[answer.first]!;
    if (answerStart.sentence !== last.sentence && !/[?:]/.test(last.punctuationAfter)) return false;
    const afterAnswer = this.words[answer.last + 1];
    return afterAnswer === undefined || this.words[answer.last]!.punctuationAfter !== '' ||
      afterAnswer.sentence !== answerStart.sentence;
  }

  private markNegations(): void {
    const pseudoStarts = new Set(this.occurrences(this.compiled.pseudoCues).map((span) => span.first));
    const cancelStarts = new Set(this.occurrences(this.compiled.cancelWords).map((span) => span.first));
    const cues = this.longestAtEachStart(this.occurrences(this.compiled.cues));
    for (const cue of cues) {
      if (pseudoStarts.has(cue.first)) continue;
      if (this.isComparison(cue, cancelStarts)) continue;
      for (const index of this.reachOf(cue)) this.negatedBy[index]!.push(cue);
    }
  }

  /** "Never had pain like this", "no numbness until today": the cue introduces something new. */
  private isComparison(cue: Span, cancelStarts: ReadonlySet<number>): boolean {
    const sentence = this.words[cue.first]!.sentence;
    for (let index = cue.last + 1; index <= cue.last + NEGATION_REACH + 2; index++) {
      const word = this.words[index];
      if (word === undefined || word.sentence !== sentence) return false;
      if (cancelStarts.has(index)) return true;
    }
    return false;
  }

  /** Words a cue denies: forward, in its sentence, until a "but", a new clause or its reach runs out. */
  private reachOf(cue: Span): number[] {
    const reached: number[] = [];
    const sentence = this.words[cue.first]!.sentence;
    for (let index = cue.last + 1; index <= cue.last + NEGATION_REACH; index++) {
      const word = this.words[index];
      if (word === undefined || word.sentence !== sentence) break;
      // the word right after the cue is always denied: "not lost control", "no but" is not English
      if (index > cue.last + 1 && word.forms.some((form) => this.compiled.stoppers.has(form))) break;
      const before = this.words[index - 1]!;
      const opensClause = word.forms.some((form) => this.compiled.clauseOpeners.has(form));
      const afterAnd = before.forms[0] === 'and' && index - 1 > cue.last;
      if (opensClause && (before.punctuationAfter !== '' || afterAnd)) break;
      // "no numbness, tingling or weakness" is a list and stays denied; "no fever, both legs weak" is not
      if (before.punctuationAfter !== '' && !this.listContinues(index, sentence)) break;
      reached.push(index);
    }
    return reached;
  }

  /** An "or"/"nor" within the next few words shows a comma is separating items of one denied list. */
  private listContinues(index: number, sentence: number): boolean {
    for (let ahead = index; ahead < index + 4; ahead++) {
      const word = this.words[ahead];
      if (word === undefined || word.sentence !== sentence) return false;
      if (word.forms[0] === 'or' || word.forms[0] === 'nor') return true;
    }
    return false;
  }

  private longestAtEachStart(spans: readonly Span[]): Span[] {
    const longest = new Map<number, Span>();
    for (const span of spans) {
      const current = longest.get(span.first);
      if (!current || span.last > current.last) longest.set(span.first, span);
    }
    // a cue inside a longer cue ("not" in "do not") is the same denial, not a second one
    return [...longest.values()].filter(
      (span) => ![...longest.values()].some((other) => other !== span && other.first < span.first && other.last >= span.last),
    );
  }

  // ----- output -------------------------------------------------------------------------------

  private toFlag(rule: RedFlagRule, span: Span): RedFlag {
    const start = this.words[span.first]!.start;
    const end = this.words[span.last]!.end;
    return {
      category: rule.category,
      label: rule.label,
      level: rule.level,
      action: rule.action,
      script: rule.script,
      phrase: this.text.slice(start, end),
      start,
      end,
    };
  }
}

function isKnownWord(word: string, compiled: Compiled): boolean {
  return pluralKeys(word).some((key) => compiled.knownWords.has(key));
}

/**
 * Table words a typed word is a near miss of ("numbess" → "numbness"). Only longer words, only
 * with the same first letter, and never a real word that happens to be close ("ladder").
 */
function typoTargetsOf(form: string, compiled: Compiled): string[] {
  if (form.length < MIN_TYPO_LENGTH || isKnownWord(form, compiled)) return [];
  const candidates = compiled.typoTargets.get(form[0]!) ?? [];
  return candidates.filter((target) => {
    const allowTwo = form.length >= MIN_TWO_TYPO_LENGTH && target.length >= MIN_TWO_TYPO_LENGTH && form[1] === target[1];
    return editDistance(form, target, allowTwo ? 2 : 1) <= (allowTwo ? 2 : 1);
  });
}

/**
 * The table words one typed word is read as through typo tolerance (empty for words read as
 * themselves). For reviewing the tables: a real English word listed here needs adding to
 * WORDS_THAT_ARE_NOT_TYPOS.
 */
export function typoReadingsOf(typed: string): string[] {
  const compiled = compiledRules();
  return tableWords(typed).flatMap((word) => (isKnownWord(word, compiled) ? [] : typoTargetsOf(word, compiled)));
}

function rangeOf(span: Span): number[] {
  return Array.from({ length: span.last - span.first + 1 }, (_, offset) => span.first + offset);
}

/**
 * One highlight per piece of text: a lower-level flag over the same words as a higher one adds
 * nothing (a numb leg inside "both legs numb"), and two rules of the same level or category on the
 * same words are one finding, told by the more specific rule (listed first in the table).
 */
function removeOverlaps(flags: readonly FlagCandidate[]): FlagCandidate[] {
  const overlaps = (a: RedFlag, b: RedFlag): boolean => a.start < b.end && b.start < a.end;
  return flags.filter((candidate) => {
    const flag = candidate.flag;
    return !flags.some((other) => {
      if (other === candidate || !overlaps(flag, other.flag)) return false;
      const rankDifference = LEVEL_RANK[other.flag.level] - LEVEL_RANK[flag.level];
      if (rankDifference > 0) return true;
      if (rankDifference < 0) return false;
      const sameWords = other.flag.start === flag.start && other.flag.end === flag.end;
      if (!sameWords && other.flag.category !== flag.category) return false;
      return other.order < candidate.order || (other.order === candidate.order && other.flag.start < flag.start);
    });
  });
}
