/**
 * Fresh benchmark databases, filled by the bench itself.
 *
 * Every database starts as the demo clinic (src/server/cli/seed-demo.ts: centres, staff, patients,
 * visits, handouts, appointments, ~400 requests, all through the repositories). Volume is then added
 * in batches inside transactions, with exactly the row shapes `insertRequest` and
 * `insertAppointmentsBulk` write (src/server/db/tables/requests.ts, tables/diary.ts), computing
 * priority and red flags with the product's own `screen()` and local parts with `localParts()`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { connect, type Connection } from '../../src/server/db/connect';
import type { Db } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrate';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/cli/seed-demo';
import { localParts, PRIORITY_RANK, screen } from '../../src/server/db/repositories/requests-rules';
import { readPhone } from '../../src/server/db/repositories/requests-rules';
import { normaliseEmail, normaliseName } from '../../src/shared/triage';
import type { RequestsTable } from '../../src/server/db/tables/requests';
import type { AppointmentsTable } from '../../src/server/db/tables/diary';
import type { HandoutModulesTable, HandoutsTable } from '../../src/server/db/tables/handouts';
import type { FindingsTable } from '../../src/server/db/tables/visits';

export { DEMO_PASSWORD };
export const MANAGER = 'manager@demo.clinic';
export const CHIRO = 'chiro@demo.clinic';
export const PG_ADMIN_URL = process.env['BENCH_PG_URL'] ?? 'postgres://clinic:clinic@localhost:5432/clinic_test';

export interface BenchDb {
  engine: 'sqlite' | 'postgres';
  /** SQLite: the DATA_DIR holding clinic-desk.sqlite. */
  dataDir: string;
  /** PostgreSQL: the URL of the bench database. */
  databaseUrl: string | null;
  conn: Connection;
  db: Db;
  /** Closes the connection (keeps the data). */
  close(): Promise<void>;
  /** Closes and removes the data. */
  drop(): Promise<void>;
}

const TMP_ROOT = process.env['BENCH_TMP'] ?? '/tmp';

/** A new, migrated database holding the demo clinic. */
export async function createBenchDb(engine: 'sqlite' | 'postgres', label: string): Promise<BenchDb> {
  const dataDir = fs.mkdtempSync(path.join(TMP_ROOT, `cd-bench-${label}-`));
  let databaseUrl: string | null = null;
  let dbName = '';
  if (engine === 'postgres') {
    dbName = `cd_bench_${label.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try { await admin.query(`CREATE DATABASE ${dbName}`); } finally { await admin.end(); }
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const conn = connect({ databaseUrl, dataDir });
  await migrateToLatest(conn.db);
  await seedDemo(conn.db);
  const close = async () => { await conn.db.destroy(); };
  return {
    engine, dataDir, databaseUrl, conn, db: conn.db, close,
    async drop() {
      try { await close(); } catch { /* already closed */ }
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (engine === 'postgres') {
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        try { await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`); } finally { await admin.end(); }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Requests in bulk

const GIVEN = ['Aisha', 'Ben', 'Carys', 'Daniel', 'Eleanor', 'Farhan', 'Grace', 'Harry', 'Imogen', 'Jack', 'Katie', 'Liam', 'Megan', 'Nathan', 'Olivia', 'Peter'];
const FAMILY = ['Ahmed', 'Baker', 'Clarke', 'Davies', 'Edwards', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Nolan', 'Owen', 'Price'];
const MESSAGES = [
  "Hi, I've had a stiff lower back for about two weeks after gardening. Could someone call me to book in?",
  'My neck has been sore since a long drive on Saturday, it clicks when I turn my head. Any appointments this week?',
  'I get cramp in my calves at night most nights. My GP suggested a chiropractor. Please ring after 5pm.',
  'Sciatica down my left leg again, same as last year. Can I see the same chiropractor as before?',
  'Shoulder pain when lifting my arm above my head, started after painting the ceiling.',
  'Could I book a maintenance appointment? Nothing urgent, just due my check-up.',
  'Pain between my shoulder blades, worse when I sit at my desk all day.',
  'Hip feels locked in the mornings and loosens up by lunchtime. Would like an assessment please.',
];
const OUTCOMES = ['booked', 'booked', 'booked', 'advice-given', 'sent-to-gp', 'not-interested', 'unable-to-contact', 'duplicate'] as const;
const REF_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function referenceFor(kind: 'callback' | 'appointment', n: number): string {
  let code = '';
  let v = n;
  for (let i = 0; i < 5; i++) { code = REF_ALPHABET[v % REF_ALPHABET.length] + code; v = Math.floor(v / REF_ALPHABET.length); }
  return `${kind === 'callback' ? 'CB' : 'AP'}-${code}`;
}

const screened = MESSAGES.map((message) => {
  const { priority, redFlags } = screen(message);
  return { message, priority, priority_rank: PRIORITY_RANK[priority], red_flags: JSON.stringify(redFlags) };
});

const localCache = new Map<number, { date: string; hour: number; weekday: number }>();
/** localParts() per hour (cached): a million Intl calls would dominate the load time. */
function localOf(ms: number) {
  const hourKey = Math.floor(ms / 3_600_000);
  let parts = localCache.get(hourKey);
  if (!parts) {
    const p = localParts(new Date(hourKey * 3_600_000).toISOString(), 'Europe/London');
    parts = { date: p.date, hour: p.hour, weekday: p.weekday };
    localCache.set(hourKey, parts);
  }
  return parts;
}

export interface RequestBulkOptions {
  count: number;
  /** Of those, how many stay open (status new); the rest are closed with an outcome. */
  open: number;
  /** Arrivals spread evenly over this many days up to now. */
  days: number;
  centreIds: string[];
  /** Reference numbers start here (so several batches never collide). */
  startAt?: number;
  namePrefix?: string;
}

/** References already stored (the demo's random ones): a generated one that collides takes another code. */
let takenReferences = new Set<string>();
function freeReference(kind: 'callback' | 'appointment', n: number): string {
  let ref = referenceFor(kind, n);
  for (let k = 1; takenReferences.has(ref); k++) ref = referenceFor(kind, 45_000_000 - k * 7919 - (n % 7919));
  return ref;
}

function requestRow(i: number, o: RequestBulkOptions, now: number): RequestsTable {
  const n = (o.startAt ?? 0) + i;
  const kind = n % 3 === 0 ? 'appointment' : 'callback';
  const t = screened[n % screened.length]!;
  const receivedMs = now - Math.floor(((o.count - i) / o.count) * o.days * 86_400_000) - (n % 997) * 1000;
  const received = new Date(receivedMs).toISOString();
  const local = localOf(receivedMs);
  const dueMs = receivedMs + (t.priority === 'emergency' ? 0 : t.priority === 'urgent' ? 60 : kind === 'callback' ? 120 : 240) * 60_000;
  const open = i >= o.count - o.open; // the newest stay open
  const contactMin = 5 + (n * 37) % 600;
  const firstContact = open ? null : new Date(receivedMs + contactMin * 60_000).toISOString();
  const name = `${o.namePrefix ?? ''}${GIVEN[n % GIVEN.length]} ${FAMILY[(n >> 4) % FAMILY.length]}`;
  const phone = `07700 9${String(n % 100000).padStart(5, '0')}`;
  const email = n % 4 === 0 ? `p${n}@example.org` : null;
  return {
    id: randomUUID(), reference: freeReference(kind, n), kind, source: n % 5 === 0 ? 'phone' : 'web-form',
    centre_id: o.centreIds[n % o.centreIds.length]!,
    name, name_norm: normaliseName(name), phone, phone_e164: readPhone(phone).e164, email, email_norm: normaliseEmail(email),
    message: t.message, preferences: JSON.stringify({ preferredTime: null, preferredDays: [], preferredTimeOfDay: null, newPatient: null }), consent: 1,
    priority: t.priority, priority_rank: t.priority_rank, red_flags: t.red_flags, flags_acknowledged_at: null, flags_acknowledged_by: null,
    status: open ? 'new' : 'closed', outcome: open ? null : OUTCOMES[n % OUTCOMES.length]!, outcome_note: null,
    closed_at: open ? null : firstContact, closed_by: null, holder_id: null, held_at: null, hold_expires_at: null,
    received_at: received, received_local_date: local.date, received_local_hour: local.hour, received_weekday: local.weekday,
    due_at: new Date(dueMs).toISOString(), first_contact_at: firstContact,
    // Stored with first contact as the product does (firstContactColumns); plain elapsed minutes, as the bench does not need business-hour accuracy.
    first_contact_business_minutes: open ? null : contactMin,
    attempt_count: open ? 0 : 1, failed_attempt_count: 0, last_attempt_at: firstContact, next_attempt_at: null,
    match_kind: null, match_count: 0, matches: '{"patients":[],"requests":[]}', patient_id: null, appointment_id: null, duplicate_of: null,
    quarantined: 0, quarantine_reason: null, client_key: null, created_by: null, version: 1, created_at: received, updated_at: received,
  };
}

async function insertBatches<T extends object>(bench: BenchDb, table: string, total: number, make: (i: number) => T, onProgress?: (done: number) => void) {
  if (bench.engine === 'sqlite') {
    const sqlite = bench.conn.sqlite!;
    sqlite.pragma('synchronous = OFF'); // loading only; the server reopens the file with FULL
    const sample = make(0);
    const cols = Object.keys(sample);
    const stmt = sqlite.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`);
    const batch = sqlite.transaction((rows: T[]) => { for (const r of rows) stmt.run(r); });
    for (let i = 0; i < total; i += 10_000) {
      const rows: T[] = [];
      for (let j = i; j < Math.min(total, i + 10_000); j++) rows.push(make(j));
      batch(rows);
      onProgress?.(Math.min(total, i + 10_000));
    }
    sqlite.pragma('synchronous = FULL');
  } else {
    const per = 800;
    for (let i = 0; i < total; i += per * 10) {
      await bench.db.transaction().execute(async (trx) => {
        for (let k = i; k < Math.min(total, i + per * 10); k += per) {
          const rows: T[] = [];
          for (let j = k; j < Math.min(total, k + per); j++) rows.push(make(j));
          await trx.insertInto(table as never).values(rows as never).execute();
        }
      });
      onProgress?.(Math.min(total, i + per * 10));
    }
  }
}

export async function addRequests(bench: BenchDb, o: RequestBulkOptions): Promise<void> {
  const now = Date.now();
  takenReferences = new Set((await bench.db.selectFrom('requests').select('reference').execute()).map((r) => r.reference));
  await insertBatches(bench, 'requests', o.count, (i) => requestRow(i, o, now));
  await analyse(bench);
}

/** Closes every open request already there (the demo's), so the bench controls the open count. */
export async function closeAllOpen(bench: BenchDb): Promise<void> {
  await bench.db.updateTable('requests').set({ status: 'closed', outcome: 'advice-given', closed_at: new Date().toISOString() })
    .where('status', '!=', 'closed').execute();
}

export async function addAppointments(bench: BenchDb, count: number, days: number): Promise<void> {
  const clinicians = await bench.db.selectFrom('staff').select('id').where('role', '=', 'chiropractor').execute();
  const centres = await bench.db.selectFrom('centres').select('id').execute();
  const patients = await bench.db.selectFrom('patients').select(['id', 'centre_id']).execute();
  const type = await bench.db.selectFrom('appointment_types').select('id').executeTakeFirstOrThrow();
  const now = Date.now();
  const statuses = ['attended', 'attended', 'attended', 'did-not-attend', 'cancelled'] as const;
  await insertBatches<AppointmentsTable>(bench, 'appointments', count, (i) => {
    const clinician = clinicians[i % clinicians.length]!.id;
    // Past slots, one per clinician per 30 min going back: never two booked at one time.
    const startMs = now - 86_400_000 - Math.floor(i / clinicians.length) * (days * 86_400_000 / Math.ceil(count / clinicians.length));
    const start = new Date(Math.floor(startMs / 60_000) * 60_000).toISOString();
    const p = patients[i % patients.length]!;
    return {
      id: randomUUID(), centre_id: centres[i % centres.length]!.id, clinician_id: clinician, patient_id: p.id, type_id: type.id,
      start_at: start, end_at: new Date(Date.parse(start) + 30 * 60_000).toISOString(), status: statuses[i % statuses.length]!,
      request_id: null, cancel_reason: null, created_by: null, version: 1, created_at: start, updated_at: start,
    };
  });
  await analyse(bench);
}

/**
 * Findings and issued advice sheets at volume, so their analytics plans are those of a chain and not
 * of the demo's few hundred rows: copies of the demo's own findings and sheets (same visits, patients,
 * centres, module keys), dated evenly over `days` up to now. A copied sheet keeps every column but
 * a short stand-in for its snapshot and text (about 18 kB each in the demo), which analytics never
 * reads and which would add gigabytes at this count.
 */
export async function addClinicalRecords(bench: BenchDb, o: { findings: number; handouts: number; days: number }): Promise<void> {
  const now = Date.now();
  const dayOf = (i: number, count: number) => new Date(now - Math.floor(((count - i) / count) * o.days * 86_400_000));
  const findings = await bench.db.selectFrom('findings').selectAll().execute();
  if (findings.length) {
    await insertBatches<FindingsTable>(bench, 'findings', o.findings, (i) => ({
      ...findings[i % findings.length]!, id: randomUUID(), visit_date: dayOf(i, o.findings).toISOString().slice(0, 10),
    }));
  }
  const sheets = await bench.db.selectFrom('handouts').selectAll().execute();
  const modulesOf = new Map<string, string[]>();
  for (const m of await bench.db.selectFrom('handout_modules').select(['handout_id', 'module_key']).execute()) {
    modulesOf.set(m.handout_id, [...(modulesOf.get(m.handout_id) ?? []), m.module_key]);
  }
  if (!sheets.length) return;
  const copies: { id: string; centre_id: string; issued_at: string }[] = [];
  await insertBatches<HandoutsTable>(bench, 'handouts', o.handouts, (i) => {
    const source = sheets[i % sheets.length]!;
    const issued = dayOf(i, o.handouts).toISOString();
    copies[i] = { id: randomUUID(), centre_id: source.centre_id, issued_at: issued };
    return { ...source, ...copies[i], snapshot: '{"header":{},"items":[],"leftOut":[]}', rendered_text: 'bench copy', created_at: issued };
  });
  const modules = copies.flatMap((copy, i) => (modulesOf.get(sheets[i % sheets.length]!.id) ?? []).map((key) => ({ copy, key })));
  await insertBatches<HandoutModulesTable>(bench, 'handout_modules', modules.length, (i) => ({
    handout_id: modules[i]!.copy.id, module_key: modules[i]!.key, centre_id: modules[i]!.copy.centre_id, issued_at: modules[i]!.copy.issued_at,
  }));
  await analyse(bench);
}

export async function analyse(bench: BenchDb): Promise<void> {
  if (bench.engine === 'sqlite') bench.conn.sqlite!.exec('ANALYZE');
  // VACUUM too: autovacuum would have set the visibility map on a live database long before
  // anyone looks at analytics, and without it PostgreSQL cannot use index-only scans.
  else await bench.conn.pool!.query('VACUUM ANALYZE');
}

export async function centreIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('centres').select('id').orderBy('name').execute()).map((r) => r.id);
}
