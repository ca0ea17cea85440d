/**
 * Anti-abuse for the public form, without a third-party CAPTCHA: a signed form token carrying its
 * issue time (a person takes more than a few seconds to fill the form in), and a sender key for the
 * per-address rate limit. The HMAC secret lives in the settings table, created on first use, so it
 * survives restarts and is shared by every API instance.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DbOrTrx } from '../database';
import { getSetting, putSetting } from './settings';

export const FORM_SECRET_KEY = 'requests.formTokenSecret';
/** A person needs longer than this to fill in the form. */
export const MIN_FILL_MS = 3_000;
/** Per sender address: this many submissions in the window, then quarantine. */
export const RATE_LIMIT = { count: 5, windowMs: 10 * 60_000 };

const secrets = new WeakMap<object, string>();

export async function formSecret(db: DbOrTrx): Promise<string> {
  const cached = secrets.get(db);
  if (cached) return cached;
  let { value } = await getSetting<string | null>(db, FORM_SECRET_KEY, null);
  if (!value) {
    // Two instances may race to create it: the loser reads the winner's.
    await putSetting(db, FORM_SECRET_KEY, randomBytes(32).toString('base64url'), 0).catch(() => false);
    value = (await getSetting<string | null>(db, FORM_SECRET_KEY, null)).value;
  }
  if (!value) throw new Error('The form token secret could not be created.');
  secrets.set(db, value);
  return value;
}

function sign(secret: string, purpose: string, data: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${data}`).digest('base64url');
}

export function issueFormToken(secret: string, now = Date.now()): { token: string; issuedAt: string } {
  const issued = now.toString(36);
  return { token: `${issued}.${sign(secret, 'form', issued)}`, issuedAt: new Date(now).toISOString() };
}

export type TokenVerdict = 'ok' | 'too-fast' | 'bad-token';

export function checkFormToken(secret: string, token: string, now = Date.now()): TokenVerdict {
  const [issued, signature, extra] = token.split('.');
  if (!issued || !signature || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(issued)) return 'bad-token';
  const expected = Buffer.from(sign(secret, 'form', issued));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-token';
  const issuedAt = parseInt(issued, 36);
  // A token from the future was not issued by this clock.
  if (issuedAt > now + 60_000) return 'bad-token';
  return now - issuedAt < MIN_FILL_MS ? 'too-fast' : 'ok';
}

/** The sender's address, keyed so the database never holds the address itself. */
export function clientKey(secret: string, ip: string): string {
  return sign(secret, 'client', ip).slice(0, 32);
}
