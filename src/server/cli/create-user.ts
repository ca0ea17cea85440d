import { parseArgs } from 'node:util';
import { StaffCreateSchema, type Staff } from '../../shared/api/foundation';
import { ROLES, type Role } from '../../shared/roles';
import { generateOneTimePassword, hashPassword } from '../auth/passwords';
import { loadConfig } from '../config';
import { connect } from '../db/connect';
import type { Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { appendAudit } from '../db/repositories/audit';
import { listCentres } from '../db/repositories/centres';
import { findStaffByEmail, insertStaff } from '../db/repositories/staff';
import { CliError, type CliIo, runCli } from './run';

/*
 * npm run create-user -- --email jo@clinic.example --name "Jo Bloggs" --role manager --centre Riverside
 * Adds a staff account from the server's shell (e.g. when every manager is locked out) and prints a
 * one-time password, which must be changed at first sign-in.
 */

export interface NewUser {
  email: string;
  name: string;
  role: string;
  /** Centre names or ids; may be empty when the clinic has exactly one centre. */
  centres: string[];
}

/** The same rule the API applies to a new account's email. */
const EMAIL = new RegExp((StaffCreateSchema.properties.email as unknown as { pattern: string }).pattern);

export async function createUser(db: Db, input: NewUser): Promise<{ staff: Staff; oneTimePassword: string }> {
  const email = input.email.trim();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 200) throw new CliError(`"${input.email}" is not an email address.`);
  if (!name || name.length > 120) throw new CliError('Give a name of 1 to 120 characters.');
  if (!ROLES.includes(input.role as Role)) throw new CliError(`The role must be one of ${ROLES.join(', ')}.`);

  const centres = await listCentres(db);
  const wanted = input.centres.length ? input.centres : centres.length === 1 ? [centres[0]!.id] : [];
  if (wanted.length === 0) {
    throw new CliError(`Name the user's centre with --centre (one of: ${centres.map((c) => c.name).join(', ') || 'none yet; start the server once to create the first'}).`);
  }
  const centreIds = wanted.map((nameOrId) => {
    const centre = centres.find((c) => c.id === nameOrId) ?? centres.find((c) => c.name.toLowerCase() === nameOrId.trim().toLowerCase());
    if (!centre) throw new CliError(`There is no centre "${nameOrId}". Centres: ${centres.map((c) => c.name).join(', ')}.`);
    return centre.id;
  });
  if (await findStaffByEmail(db, email)) throw new CliError(`Someone already has an account with ${email}.`);

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const staff = await db.transaction().execute(async (trx) => {
    const created = await insertStaff(trx, { email, name, role: input.role as Role, centreIds: [...new Set(centreIds)], passwordHash, mustChangePassword: true });
    await appendAudit(trx, {
      actorId: null, actorRole: 'system', action: 'staff.created', entityType: 'staff', entityId: created.id,
      detail: { role: created.role, centreIds: created.centreIds, via: 'command line' },
    });
    return created;
  });
  return { staff, oneTimePassword };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, centre: { type: 'string', multiple: true },
      demo: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help || !values.email || !values.name || !values.role) {
    io.err('Usage: npm run create-user -- --email EMAIL --name "NAME" --role receptionist|chiropractor|manager --centre "CENTRE NAME OR ID" [--centre ...]');
    return values.help ? 0 : 2;
  }
  const config = loadConfig(io.env, argv);
  const conn = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, fileName: config.demo ? 'clinic-desk-demo.sqlite' : undefined });
  try {
    // The same migrations the server runs at start, so this works before the first start too.
    await migrateToLatest(conn.db);
    const { staff, oneTimePassword } = await createUser(conn.db, { email: values.email, name: values.name, role: values.role, centres: values.centre ?? [] });
    io.out(`Created ${staff.role} ${staff.name} <${staff.email}>.`);
    io.out(`One-time password (shown once; it must be changed at first sign-in):`);
    io.out('');
    io.out(`    ${oneTimePassword}`);
    io.out('');
    return 0;
  } finally {
    await conn.db.destroy();
  }
}

if (require.main === module) runCli(main);
