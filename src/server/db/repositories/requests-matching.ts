/**
 * Matching on arrival: existing patients and requests of the last 30 days from the same person,
 * by normalised phone, email and name. Candidates come from indexed equality lookups on the
 * normalised columns; the shared rules (scoreMatch, classifyMatch) decide what is shown and why.
 */
import { classifyMatch, type MatchClass, scoreMatch } from '../../../shared/triage';
import type { DbOrTrx } from '../database';

export interface StoredMatch {
  id: string;
  /** Shared reason codes: 'same-phone', 'same-email', 'same-name', 'different-name' … */
  reasons: string[];
  score: number;
  match: MatchClass;
}

export interface StoredMatches {
  patients: StoredMatch[];
  requests: StoredMatch[];
}

export interface MatchKeys {
  /** The request being matched (left out of its own results). */
  id: string;
  name_norm: string;
  phone_e164: string | null;
  email_norm: string | null;
  receivedAt: string;
}

export const RECENT_DAYS = 30;
const MAX_SHOWN = 10;

export async function findMatches(db: DbOrTrx, keys: MatchKeys): Promise<StoredMatches> {
  return { patients: await matchPatients(db, keys), requests: await matchRequests(db, keys) };
}

function anyKey(keys: MatchKeys): boolean {
  return !!(keys.phone_e164 || keys.email_norm || keys.name_norm);
}

export async function matchRequests(db: DbOrTrx, keys: MatchKeys): Promise<StoredMatch[]> {
  if (!anyKey(keys)) return [];
  const since = new Date(Date.parse(keys.receivedAt) - RECENT_DAYS * 86_400_000).toISOString();
  const rows = await db.selectFrom('requests')
    .select(['id', 'name_norm', 'phone_e164', 'email_norm'])
    .where('id', '!=', keys.id)
    .where('quarantined', '=', 0)
    .where('received_at', '>=', since)
    .where('received_at', '<=', keys.receivedAt)
    .where((eb) => eb.or([
      ...(keys.phone_e164 ? [eb('phone_e164', '=', keys.phone_e164)] : []),
      ...(keys.email_norm ? [eb('email_norm', '=', keys.email_norm)] : []),
      ...(keys.name_norm ? [eb('name_norm', '=', keys.name_norm)] : []),
    ]))
    .orderBy('received_at', 'desc')
    .limit(50)
    .execute();
  // Between two requests, any match the rules show is a possible duplicate: a person decides.
  return ranked(rows.map((row) => score(keys, row))).map((m) => ({ ...m, match: 'possible-duplicate' as const }));
}

export async function matchPatients(db: DbOrTrx, keys: MatchKeys): Promise<StoredMatch[]> {
  if (!anyKey(keys)) return [];
  const rows = await db.selectFrom('patients')
    .select(['id', 'name_norm', 'phone_e164', 'email_norm'])
    .where('merged_into', 'is', null)
    .where('anonymised_at', 'is', null)
    .where((eb) => eb.or([
      ...(keys.phone_e164 ? [eb('phone_e164', '=', keys.phone_e164)] : []),
      ...(keys.email_norm ? [eb('email_norm', '=', keys.email_norm)] : []),
      ...(keys.name_norm ? [eb('name_norm', '=', keys.name_norm)] : []),
    ]))
    .limit(50)
    .execute();
  return ranked(rows.map((row) => score(keys, row)));
}

function score(keys: MatchKeys, row: { id: string; name_norm: string | null; phone_e164: string | null; email_norm: string | null }) {
  const result = scoreMatch(
    { name: keys.name_norm, phone: keys.phone_e164, email: keys.email_norm },
    { name: row.name_norm, phone: row.phone_e164, email: row.email_norm },
  );
  return { id: row.id, reasons: result.reasons as string[], score: result.score, match: classifyMatch(result) };
}

function ranked(matches: { id: string; reasons: string[]; score: number; match: MatchClass | null }[]): StoredMatch[] {
  const order: Record<MatchClass, number> = { 'existing-patient': 0, 'possible-duplicate': 1 };
  return matches
    .filter((m): m is StoredMatch => m.match !== null)
    .sort((a, b) => order[a.match] - order[b.match] || b.score - a.score)
    .slice(0, MAX_SHOWN);
}
