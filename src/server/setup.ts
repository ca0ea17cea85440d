import type { CentreInput } from '../shared/api/foundation';
import { DEFAULT_RESPONSE_TARGETS } from '../shared/api/foundation';
import { generateOneTimePassword, hashPassword } from './auth/passwords';
import type { Db } from './db/database';
import { appendAudit } from './db/repositories/audit';
import { insertCentre, listCentres } from './db/repositories/centres';
import { countStaff, insertStaff } from './db/repositories/staff';

export const DEFAULT_OPENING_HOURS: CentreInput['openingHours'] = [
  { weekday: 1, open: '08:30', close: '18:00' },
  { weekday: 2, open: '08:30', close: '18:00' },
  { weekday: 3, open: '08:30', close: '18:00' },
  { weekday: 4, open: '08:30', close: '18:00' },
  { weekday: 5, open: '08:30', close: '17:00' },
  { weekday: 6, open: '09:00', close: '13:00' },
];

export interface FirstRun {
  email: string;
  oneTimePassword: string;
}

/**
 * On an empty database: one centre to start from and the first manager, whose one-time password
 * is shown once on the console and must be changed at first sign-in.
 */
export async function ensureFirstManager(db: Db, email = 'manager@clinic.local'): Promise<FirstRun | null> {
  if ((await countStaff(db)) > 0) return null;
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    let centres = await listCentres(trx);
    if (centres.length === 0) {
      centres = [await insertCentre(trx, {
        name: 'Main centre', address: 'Set the address in Admin › Centres', phone: '—', email: '',
        timeZone: 'Europe/London', openingHours: DEFAULT_OPENING_HOURS, responseTargets: DEFAULT_RESPONSE_TARGETS, active: true,
      })];
    }
    const manager = await insertStaff(trx, { email, name: 'Clinic manager', role: 'manager', centreIds: centres.map((c) => c.id), passwordHash, mustChangePassword: true });
    await appendAudit(trx, { actorId: null, actorRole: 'system', action: 'staff.created', entityType: 'staff', entityId: manager.id, detail: { role: 'manager', firstRun: true } });
  });
  return { email, oneTimePassword };
}
