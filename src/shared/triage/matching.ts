/**
 * Is the person asking for a callback someone we already know?
 *
 * Before a receptionist rings, the request is compared with existing patients and earlier
 * requests, so they can greet a patient by name, see a repeat request, and avoid creating a
 * second record. The comparison works on normalised contact details and returns its reasons in
 * words a receptionist can check on the call; it never merges anything by itself.
 *
 * What counts, and why:
 * - The same phone number or the same email address is strong evidence: these are what the
 *   patient typed, and they reach one household.
 * - Households share phones and emails (a daughter books for her mother), so a strong match with
 *   a clearly different name or date of birth is only a possible duplicate, for a person to decide.
 * - The same name alone is weak: there are many John Smiths. It can only ever suggest a possible
 *   duplicate, never identify a patient.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface ContactDetails {
  readonly name?: string | null;
  readonly phone?: string | null;
  /** Further numbers on a patient record (home, mobile, work). */
  readonly phones?: readonly (string | null | undefined)[];
  readonly email?: string | null;
  readonly emails?: readonly (string | null | undefined)[];
  /** 'YYYY-MM-DD', or as typed in the UK ('31/01/1970'). */
  readonly dateOfBirth?: string | null;
  readonly postcode?: string | null;
}

export type MatchReason =
  | 'same-phone'
  | 'same-email'
  | 'same-name'
  | 'similar-name'
  | 'different-name'
  | 'same-date-of-birth'
  | 'different-date-of-birth'
  | 'same-postcode';

export interface MatchScore {
  /** 0-100, for ordering candidates; the classification below is what decides. */
  score: number;
  reasons: MatchReason[];
}

export type MatchClass = 'existing-patient' | 'possible-duplicate';

/** Staff-facing wording for each reason. */
export const MATCH_REASON_LABELS: Readonly<Record<MatchReason, string>> = {
  'same-phone': 'Same phone number',
  'same-email': 'Same email address',
  'same-name': 'Same name',
  'similar-name': 'Similar name',
  'different-name': 'Different name',
  'same-date-of-birth': 'Same date of birth',
  'different-date-of-birth': 'Different date of birth',
  'same-postcode': 'Same postcode',
};

const REASON_POINTS: Readonly<Record<MatchReason, number>> = {
  'same-phone': 45,
  'same-email': 45,
  'same-name': 25,
  'similar-name': 12,
  'different-name': -20,
  'same-date-of-birth': 30,
  'different-date-of-birth': -50,
  'same-postcode': 10,
};

// =============================================================================================
// Normalising
// =============================================================================================

/**
 * A phone number in E.164 ('+447700900123'), reading UK national formats by default, or null when
 * it cannot be a phone number. Accepts '07700 900123', '+44 7700 900123', '+44 (0)7700 900123',
 * '(0)7700-900-123' and '0044 7700 900123'. Checks length, not whether the range is allocated,
 * so the Ofcom drama numbers used in tests and training data still normalise.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  // "(0)" after +44 is a UK habit; the library reads it, but not when it opens the number
  const cleaned = raw.trim().replace(/^\(0\)\s*/, '0');
  const parsed = parsePhoneNumberFromString(cleaned, 'GB');
  if (!parsed || !parsed.isPossible()) return null;
  if (parsed.countryCallingCode === '44') {
    const national = parsed.nationalNumber;
    // UK mobiles are always ten digits after the 0; the compact metadata allows nine
    if (national.startsWith('7') && national.length !== 10) return null;
    // A number a patient can be rung back on has nine or ten digits after the 0. Shorter ones are
    // service numbers or typing slips: the metadata reads '0770090' as a possible number '0770090'.
    if (national.startsWith('0') || national.length < 9) return null;
  }
  return parsed.number;
}

/** Trimmed, lower-case email address, or null when it is not shaped like one. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1').trim().normalize('NFC').toLowerCase();
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : null;
}

/**
 * The form of an email address used only for comparing: '+tags' dropped everywhere, and dots
 * dropped for Gmail, which ignores them. Never store or send to this form.
 */
export function emailMatchKey(raw: string | null | undefined): string | null {
  const email = normaliseEmail(raw);
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  local = local.replace(/\+.*$/, '');
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'rev',
  'reverend', 'revd', 'fr', 'father', 'master', 'mstr', 'capt', 'captain', 'cllr', 'hon',
]);
const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'phd', 'mbe', 'obe', 'cbe', 'esq']);
const LETTER_FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A name reduced to what identifies the person: lower case, no accents, no punctuation, single
 * spaces, no titles ("Dr", "Mrs") or suffixes ("Jnr"), and "Smith, John" read as "john smith".
 * "O'Brien" becomes "obrien" and "Smith-Jones" becomes "smith jones".
 */
export function normaliseName(raw: string | null | undefined): string {
  if (typeof raw !== 'string') return '';
  let name = raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  name = name.replace(/[ßæœøłđðþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
  const commaParts = name.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (commaParts.length === 2 && !/\s/.test(commaParts[0]!)) name = `${commaParts[1]} ${commaParts[0]}`;
  name = name.replace(/['’‘`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const words = name.split(' ').filter((word) => word !== '');
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  while (words.length > 1 && SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** An ISO date of birth, or null when the text is not a real date. Reads UK order (day first). */
export function normaliseDateOfBirth(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  return valid ? date.toISOString().slice(0, 10) : null;
}

function normalisePostcode(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const postcode = raw.replace(/\s+/g, '').toUpperCase();
  return postcode === '' ? null : postcode;
}

// =============================================================================================
// Comparing
// =============================================================================================

/** Common English short forms, both ways; a few only, because a wrong pairing merges strangers. */
const NICKNAMES: readonly (readonly string[])[] = [
  ['robert', 'rob', 'bob', 'bobby', 'robbie'], ['william', 'will', 'bill', 'billy', 'liam'],
  ['elizabeth', 'liz', 'beth', 'lizzie', 'betty', 'eliza'], ['katherine', 'catherine', 'kate', 'katie', 'cath', 'kathy'],
  ['james', 'jim', 'jimmy', 'jamie'], ['david', 'dave', 'davey'], ['michael', 'mike', 'mick', 'mikey'],
  ['christopher', 'chris'], ['christine', 'chris', 'christina'], ['susan', 'sue', 'susie'], ['thomas', 'tom', 'tommy'],
  ['patricia', 'pat', 'patsy', 'trish'], ['margaret', 'maggie', 'peggy', 'meg', 'margo'], ['richard', 'rich', 'rick', 'dick'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'], ['anthony', 'tony'], ['joseph', 'joe', 'joey'], ['daniel', 'dan', 'danny'],
  ['matthew', 'matt'], ['andrew', 'andy', 'drew'], ['alexander', 'alex', 'sandy'], ['alexandra', 'alex', 'sandra'],
  ['jennifer', 'jen', 'jenny'], ['rebecca', 'becky', 'becca'], ['deborah', 'debbie', 'deb'], ['samuel', 'sam'],
  ['samantha', 'sam'], ['stephen', 'steven', 'steve'], ['peter', 'pete'], ['nicholas', 'nick'], ['victoria', 'vicky', 'tori'],
  ['jonathan', 'jon', 'jonny'], ['john', 'jack', 'johnny'], ['gerald', 'gerry'], ['geraldine', 'gerry'], ['frances', 'fran'],
  ['francis', 'frank'], ['josephine', 'jo', 'josie'], ['joanne', 'jo'], ['charles', 'charlie', 'chas'], ['henry', 'harry', 'hal'],
];

function firstNamesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (NICKNAMES.some((group) => group.includes(a) && group.includes(b))) return true;
  return Math.min(a.length, b.length) >= 4 && editDistance(a, b) <= 1;
}

type NameRelation = 'same-name' | 'similar-name' | 'different-name' | null;

function compareNames(rawA: string | null | undefined, rawB: string | null | undefined): NameRelation {
  const a = normaliseName(rawA);
  const b = normaliseName(rawB);
  if (a === '' || b === '') return null;
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if ([...wordsA].sort().join(' ') === [...wordsB].sort().join(' ')) return 'same-name';
  const surnameA = wordsA.at(-1)!;
  const surnameB = wordsB.at(-1)!;
  const surnamesAgree = surnameA === surnameB || (Math.min(surnameA.length, surnameB.length) >= 5 && editDistance(surnameA, surnameB) <= 1);
  if (surnamesAgree && wordsA.length > 1 && wordsB.length > 1 && firstNamesAgree(wordsA[0]!, wordsB[0]!)) return 'similar-name';
  if (Math.min(a.length, b.length) >= 8 && editDistance(a, b) <= 2) return 'similar-name';
  return 'different-name';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function phonesOf(details: ContactDetails): Set<string> {
  const phones = [details.phone, ...(details.phones ?? [])].map((phone) => normalisePhone(phone));
  return new Set(phones.filter((phone): phone is string => phone !== null));
}

function emailsOf(details: ContactDetails): Set<string> {
  const emails = [details.email, ...(details.emails ?? [])].map((email) => emailMatchKey(email));
  return new Set(emails.filter((email): email is string => email !== null));
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((value) => b.has(value));

/**
 * How well a new request's details fit a known person, and why. Missing details on either side
 * count neither for nor against.
 */
export function scoreMatch(candidate: ContactDetails, person: ContactDetails): MatchScore {
  const reasons: MatchReason[] = [];
  if (intersects(phonesOf(candidate), phonesOf(person))) reasons.push('same-phone');
  if (intersects(emailsOf(candidate), emailsOf(person))) reasons.push('same-email');
  const names = compareNames(candidate.name, person.name);
  if (names) reasons.push(names);
  const birthA = normaliseDateOfBirth(candidate.dateOfBirth);
  const birthB = normaliseDateOfBirth(person.dateOfBirth);
  if (birthA && birthB) reasons.push(birthA === birthB ? 'same-date-of-birth' : 'different-date-of-birth');
  const postcodeA = normalisePostcode(candidate.postcode);
  if (postcodeA && postcodeA === normalisePostcode(person.postcode)) reasons.push('same-postcode');
  const points = reasons.reduce((total, reason) => total + REASON_POINTS[reason], 0);
  return { score: Math.max(0, Math.min(100, points)), reasons };
}

/**
 * - 'existing-patient': same phone or email, and nothing contradicts it (a different name is
 *   accepted only with the same date of birth, as after a change of surname).
 * - 'possible-duplicate': for a person to check. Same phone or email but a different person on
 *   it (shared household contact); or the same name with no contact detail in common (weak);
 *   or a similar name with the same date of birth or postcode.
 * - null: nothing worth showing.
 */
export function classifyMatch(match: MatchScore): MatchClass | null {
  const has = (reason: MatchReason): boolean => match.reasons.includes(reason);
  const sharedContact = has('same-phone') || has('same-email');
  if (sharedContact) {
    const contradicted = has('different-date-of-birth') || (has('different-name') && !has('same-date-of-birth'));
    return contradicted ? 'possible-duplicate' : 'existing-patient';
  }
  if (has('different-date-of-birth')) return null;
  if (has('same-name')) return 'possible-duplicate';
  if (has('similar-name') && (has('same-date-of-birth') || has('same-postcode'))) return 'possible-duplicate';
  return null;
}

export interface RankedMatch<P> extends MatchScore {
  person: P;
  match: MatchClass;
}

/** The people worth showing for a request, existing patients first, then by score. */
export function rankMatches<P extends ContactDetails>(candidate: ContactDetails, people: readonly P[]): RankedMatch<P>[] {
  const ranked: RankedMatch<P>[] = [];
  for (const person of people) {
    const score = scoreMatch(candidate, person);
    const match = classifyMatch(score);
    if (match) ranked.push({ person, match, ...score });
  }
  const order: Record<MatchClass, number> = { 'existing-patient': 0, 'possible-duplicate': 1 };
  return ranked.sort((a, b) => order[a.match] - order[b.match] || b.score - a.score);
}
