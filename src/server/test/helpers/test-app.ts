/**
 * Shared test helpers for every server suite (this folder is loaded by jasmine.json before the specs,
 * so it must not declare specs of its own).
 *
 *   for (const engine of ENGINES) describe(`requests (${engine})`, () => {
 *     let t: TestApp;
 *     beforeEach(async () => { t = await createTestApp(engine); });
 *     afterEach(() => t.close());
 *     it('...', async () => {
 *       const centre = await createCentre(t.db);
 *       const user = await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
 *       const agent = await signIn(t.app, user.email, user.password);
 *       const res = await agent.post('/api/...', { ... });   // cookie + X-XSRF-TOKEN + Origin added
 *     });
 *   });
 *
 * - ENGINES: 'sqlite' always, 'postgres' too when TEST_DATABASE_URL is set.
 * - createTestDb(engine): a fresh migrated database (SQLite file in a temp dir, or a PostgreSQL
 *   schema with a random name), removed by close().
 * - createTestApp(engine | testDb, configOverrides?): the real app from buildApp, no logger.
 *   Pass an existing TestDb to restart an app on the same data (the db then outlives app.close()).
 *   A whole suite can share one app (beforeAll) when each test makes its own users and records.
 * - Agent: a cookie jar over app.inject. signIn(app, email, password, {totpSecret?}) returns one
 *   signed in; agent(app, {origin, remoteAddress}) an anonymous one. ifMatch(v) for versioned writes.
 * - createCentre(db) / createStaff(db, {role, centreIds, password?, active?, mustChangePassword?,
 *   totp?}): fixtures through the repositories; the staff fixture carries its password (and TOTP
 *   secret; currentTotp(secret) gives today's code).
 * - The default spec timeout is raised to 30 s here: busy CI machines hash and migrate slowly.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse as InjectResponse, RouteOptions } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Centre, type CentreInput, DEFAULT_RESPONSE_TARGETS, type LoginResult, type SessionInfo, type Staff } from '../../../shared/api/foundation';
import type { Role } from '../../../shared/roles';
import { buildApp } from '../../app';
import { type Config, loadConfig } from '../../config';
import { hashPassword } from '../../auth/passwords';
import { newTotpSecret, totpAt } from '../../auth/totp';
import { connect, type Connection } from '../../db/connect';
import type { Database, Db, Engine } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { insertCentre } from '../../db/repositories/centres';
import { findStaff, insertStaff, updateStaff } from '../../db/repositories/staff';
import { DEFAULT_OPENING_HOURS } from '../../setup';

export type { Engine };

// A spec builds an app, hashes passwords and migrates databases; 5 s is too tight on a busy CI machine.
jasmine.DEFAULT_TIMEOUT_INTERVAL = 30_000;
export type TestResponse = InjectResponse;

export const TEST_DATABASE_URL: string | null = process.env['TEST_DATABASE_URL'] || null;

/** The engines every repository and API suite runs on. */
export const ENGINES: readonly Engine[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** What the app sees as its own address; the agent's default Origin matches it. */
export const TEST_HOST = 'localhost:8080';
export const TEST_ORIGIN = `http://${TEST_HOST}`;

// ---------------------------------------------------------------------------------------------
// Databases

const TEMP_ROOT = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

export interface TestDb {
  engine: Engine;
  conn: Connection;
  db: Db;
  /** A private temp directory: the SQLite file, backups and the stub static build live here. */
  dataDir: string;
  /** PostgreSQL only: the schema this database lives in. */
  schema?: string;
  close(): Promise<void>;
}

async function withPgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database, migrated unless `migrate: false`. On PostgreSQL each one is its own schema with
 * a random name, so suites never see each other's rows and nothing needs cleaning between runs.
 */
export async function createTestDb(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDb> {
  // tmpfs when there is one: every SQLite commit fsyncs (synchronous=FULL), which is slow on a real disk.
  const dataDir = fs.mkdtempSync(path.join(TEMP_ROOT, 'clinic-desk-test-'));
  let testDb: TestDb;
  if (engine === 'sqlite') {
    const conn = connect({ databaseUrl: null, dataDir });
    testDb = {
      engine, conn, db: conn.db, dataDir,
      async close() {
        await conn.db.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } else {
    if (!TEST_DATABASE_URL) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
    const schema = `cd_test_${randomBytes(6).toString('hex')}`;
    await withPgAdmin((client) => client.query(`CREATE SCHEMA ${schema}`));
    // synchronous_commit=off only skips waiting for the WAL flush; visibility and locking are unchanged.
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 10, options: `-c search_path=${schema} -c synchronous_commit=off` });
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const conn: Connection = { db, engine: 'postgres', pool };
    testDb = {
      engine, conn, db, dataDir, schema,
      async close() {
        await db.destroy();
        await withPgAdmin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(testDb.db);
    } catch (error) {
      await testDb.close();
      throw error;
    }
  }
  return testDb;
}

// ---------------------------------------------------------------------------------------------
// Apps

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  testDb: TestDb;
  config: Config;
  /** Closes the app, and the database too unless it was passed in. */
  close(): Promise<void>;
}

/** The configuration a test app runs with: defaults, a private data dir, a stub SPA build. */
export function testConfig(testDb: TestDb, overrides: Partial<Config> = {}): Config {
  const staticDir = path.join(testDb.dataDir, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Clinic Desk</title>');
  return {
    ...loadConfig({}, []),
    dataDir: testDb.dataDir,
    databaseUrl: testDb.engine === 'postgres' ? TEST_DATABASE_URL : null,
    staticDir,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    ...overrides,
  };
}

export async function createTestApp(
  engineOrDb: Engine | TestDb,
  configOverrides: Partial<Config> = {},
  options: { onRoute?: (route: RouteOptions) => void } = {},
): Promise<TestApp> {
  const ownsDb = typeof engineOrDb === 'string';
  const testDb = ownsDb ? await createTestDb(engineOrDb) : engineOrDb;
  const config = testConfig(testDb, configOverrides);
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, conn: testDb.conn, logger: false, onRoute: options.onRoute });
    await app.ready();
  } catch (error) {
    if (ownsDb) await testDb.close();
    throw error;
  }
  return {
    app, db: testDb.db, testDb, config,
    async close() {
      await app.close();
      if (ownsDb) await testDb.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The cookie-jar client

type Body = Record<string, unknown> | unknown[] | string | Buffer;

export interface RequestOptions {
  headers?: Record<string, string | undefined>;
  /** Leave out the X-XSRF-TOKEN header the agent adds to state-changing requests. */
  noCsrf?: boolean;
  query?: Record<string, string>;
}

export interface AgentOptions {
  /** The Origin header sent with every request; null sends none (a non-browser client). */
  origin?: string | null;
  /** The client's network address as the server sees it (the socket, not X-Forwarded-For). */
  remoteAddress?: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser stand-in over app.inject: keeps the cookies the server sets, sends them back, and
 * copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header as Angular does.
 */
export class Agent {
  readonly cookies = new Map<string, string>();
  /** Set by signIn: what the server said about the session. */
  session: SessionInfo | null = null;

  constructor(readonly app: FastifyInstance, readonly options: AgentOptions = {}) {}

  /** A new agent holding the same cookies (for replaying an old cookie after it was replaced). */
  clone(): Agent {
    const copy = new Agent(this.app, this.options);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get('cd_session');
  }

  async request(method: string, url: string, body?: Body, options: RequestOptions = {}): Promise<InjectResponse> {
    const headers: Record<string, string> = { host: TEST_HOST };
    const origin = this.options.origin === undefined ? TEST_ORIGIN : this.options.origin;
    if (origin) headers['origin'] = origin;
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (STATE_CHANGING.has(method) && xsrf && !options.noCsrf) headers['x-xsrf-token'] = xsrf;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      query: options.query,
      headers,
      remoteAddress: this.options.remoteAddress,
      ...(body !== undefined && { payload: body as string }),
    });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (cookie.expires && cookie.expires.getTime() <= Date.now()) || (cookie.maxAge !== undefined && cookie.maxAge <= 0);
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, undefined, options);
  }
  post(url: string, body?: Body, options?: RequestOptions) {
    return this.request('POST', url, body, options);
  }
  put(url: string, body?: Body, options?: RequestOptions) {
    return this.request('PUT', url, body, options);
  }
  delete(url: string, options?: RequestOptions) {
    return this.request('DELETE', url, undefined, options);
  }

  /** POST /api/auth/login; completes two-factor too when given the user's TOTP secret. */
  async login(email: string, password: string, options: { totpSecret?: string } = {}): Promise<InjectResponse> {
    let response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode === 200 && response.json<LoginResult>().status === 'totp-required' && options.totpSecret) {
      response = await this.post('/api/auth/totp', { code: totpAt(options.totpSecret, Math.floor(Date.now() / 1000)) });
    }
    const result = response.statusCode === 200 ? response.json<LoginResult>() : null;
    this.session = result?.status === 'signed-in' ? result.session : null;
    return response;
  }
}

export function agent(app: FastifyInstance, options?: AgentOptions): Agent {
  return new Agent(app, options);
}

/** An agent signed in as the user; throws (failing the test) if sign-in does not complete. */
export async function signIn(app: FastifyInstance, email: string, password: string, options: AgentOptions & { totpSecret?: string } = {}): Promise<Agent> {
  const client = new Agent(app, options);
  const response = await client.login(email, password, options);
  if (!client.session) throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  return client;
}

/** Headers for a conditional write: `agent.put(url, body, ifMatch(3))`. */
export function ifMatch(version: number | string): RequestOptions {
  return { headers: { 'if-match': `"${version}"` } };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/** The password fixtures get unless a test chooses one; it passes the password policy. */
export const TEST_PASSWORD = 'Tall-lantern-orbit-73';

let sequence = 0;
function unique(): string {
  sequence += 1;
  return `${sequence}-${randomBytes(3).toString('hex')}`;
}

// argon2 costs ~25 ms a hash; fixtures reuse one hash per password so suites stay fast.
const hashes = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

export function centreInput(overrides: Partial<CentreInput> = {}): CentreInput {
  return {
    name: `Test Centre ${unique()}`,
    address: '1 High Street, Oxford OX1 1AA',
    phone: '01865 555 000',
    email: 'centre@test.clinic',
    timeZone: 'Europe/London',
    openingHours: DEFAULT_OPENING_HOURS,
    responseTargets: DEFAULT_RESPONSE_TARGETS,
    active: true,
    ...overrides,
  };
}

export function createCentre(db: Db, overrides: Partial<CentreInput> = {}): Promise<Centre> {
  return insertCentre(db, centreInput(overrides));
}

export interface StaffFixture {
  role: Role;
  centreIds: string[];
  password?: string;
  email?: string;
  name?: string;
  mustChangePassword?: boolean;
  active?: boolean;
  /** Enrol two-factor: the returned totpSecret makes codes with totpAt. */
  totp?: boolean;
}

export interface TestStaff extends Staff {
  password: string;
  totpSecret: string | null;
}

export async function createStaff(db: Db, fixture: StaffFixture): Promise<TestStaff> {
  const password = fixture.password ?? TEST_PASSWORD;
  const staff = await insertStaff(db, {
    email: fixture.email ?? `${fixture.role}-${unique()}@test.clinic`,
    name: fixture.name ?? `Test ${fixture.role}`,
    role: fixture.role,
    centreIds: fixture.centreIds,
    passwordHash: await cachedHash(password),
    mustChangePassword: fixture.mustChangePassword ?? false,
  });
  const totpSecret = fixture.totp ? newTotpSecret() : null;
  if (fixture.active === false || totpSecret) {
    await updateStaff(db, staff.id, {
      ...(fixture.active === false && { active: false }),
      ...(totpSecret && { totpSecret, totpEnabled: true }),
    });
  }
  return { ...(await findStaff(db, staff.id))!, password, totpSecret };
}

/** The current TOTP code for a secret, as the user's phone would show it. */
export function currentTotp(secret: string): string {
  return totpAt(secret, Math.floor(Date.now() / 1000));
}

/**
 * The code the phone shows next (the server allows one step of drift). A code is accepted once:
 * after enrolling with the current code, the next sign-in within the same 30 s needs this one.
 */
export function nextTotp(secret: string): string {
  return totpAt(secret, Math.floor(Date.now() / 1000) + 30);
}

/** A patient through the patients repository; returns the id. */
export async function createPatient(db: Db, centreId: string, overrides: Partial<import('../../db/repositories/patients').NewPatient> = {}): Promise<string> {
  const { insertPatient } = await import('../../db/repositories/patients');
  const patient = await insertPatient(db, {
    centreId, givenName: 'Ada', familyName: `Lovelace ${unique()}`, dateOfBirth: '1960-05-01', phone: '07700 900123', ...overrides,
  });
  return patient.id;
}
