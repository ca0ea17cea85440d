import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP minimum (19 MiB, 2 passes): about 25 ms here, so sign-in stays quick
// while an offline guess costs an attacker the same.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

let commonPasswords: Set<string> | null = null;
function common(): Set<string> {
  if (!commonPasswords) {
    const require = createRequire(__filename);
    const list = require('@zxcvbn-ts/language-common/src/passwords.json') as string[];
    commonPasswords = new Set(list.map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

/** Why a new password is refused, in words for the user; null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Use at most 256 characters.';
  const lower = password.toLowerCase();
  // A common word with a year or "123!" on the end is just as easy to guess as the word.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (common().has(lower) || (stem.length >= 4 && common().has(stem))) {
    return 'This password is on a list of commonly used passwords. Choose something less predictable.';
  }
  if (/^(.)\1+$/u.test(password)) return 'Do not repeat one character.';
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return 'Do not use your email address in your password.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular, verified when the email is unknown so timing does not reveal it. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  return decoyHash;
}

const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Readable one-time passwords for first sign-in and resets (ambiguous characters left out). */
export function generateOneTimePassword(groups = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < 4; i++) part += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}
