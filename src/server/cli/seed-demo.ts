import { DEFAULT_RESPONSE_TARGETS } from '../../shared/api/foundation';
import type { Role } from '../../shared/roles';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit';
import { seedDemoClinical } from './seed-demo-clinical';
import { seedDemoDiary } from './seed-demo-diary';
import { insertCentre } from '../db/repositories/centres';
import { countStaff, insertStaff } from '../db/repositories/staff';
import { DEFAULT_OPENING_HOURS } from '../setup';

/** Demo mode only: printed on the console and in the README. */
export const DEMO_PASSWORD = 'demo-clinic-2026';

export const DEMO_CENTRES = [
  { key: 'riverside', name: 'Riverside Centre', address: '14 Mill Lane, Abingdon OX14 5AA', phone: '01235 555 014', email: 'riverside@demo.clinic' },
  { key: 'hillview', name: 'Hillview Centre', address: '2 Station Road, Didcot OX11 7NN', phone: '01235 555 022', email: 'hillview@demo.clinic' },
] as const;

type CentreKey = (typeof DEMO_CENTRES)[number]['key'];

export const DEMO_STAFF: { email: string; name: string; role: Role; centres: CentreKey[] }[] = [
  { email: 'manager@demo.clinic', name: 'Morgan Hale', role: 'manager', centres: ['riverside', 'hillview'] },
  { email: 'reception@demo.clinic', name: 'Sam Patel', role: 'receptionist', centres: ['riverside', 'hillview'] },
  { email: 'reception2@demo.clinic', name: 'Jo Evans', role: 'receptionist', centres: ['riverside'] },
  { email: 'reception3@demo.clinic', name: 'Priya Shah', role: 'receptionist', centres: ['hillview'] },
  { email: 'chiro@demo.clinic', name: 'Dr Alex Morgan', role: 'chiropractor', centres: ['riverside', 'hillview'] },
  { email: 'chiro2@demo.clinic', name: 'Dr Rhian Clarke', role: 'chiropractor', centres: ['riverside'] },
  { email: 'chiro3@demo.clinic', name: 'Dr Tom Baker', role: 'chiropractor', centres: ['hillview'] },
];

export interface DemoContext {
  centreIds: Record<CentreKey, string>;
  staffIds: Record<string, string>;
}

/** Fills an empty database with the demo clinic. Goes through the same repositories as real use. */
export async function seedDemo(db: Db): Promise<DemoContext | null> {
  if ((await countStaff(db)) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const centreIds = {} as Record<CentreKey, string>;
    for (const centre of DEMO_CENTRES) {
      const created = await insertCentre(trx, {
        name: centre.name, address: centre.address, phone: centre.phone, email: centre.email,
        timeZone: 'Europe/London', openingHours: DEFAULT_OPENING_HOURS, responseTargets: DEFAULT_RESPONSE_TARGETS, active: true,
      });
      centreIds[centre.key] = created.id;
    }
    const staffIds: Record<string, string> = {};
    for (const person of DEMO_STAFF) {
      const created = await insertStaff(trx, {
        email: person.email, name: person.name, role: person.role, passwordHash, mustChangePassword: false,
        centreIds: person.centres.map((key) => centreIds[key]),
      });
      staffIds[person.email] = created.id;
    }
    await appendAudit(trx, { actorId: null, actorRole: 'system', action: 'demo.seeded', detail: { centres: DEMO_CENTRES.length, staff: DEMO_STAFF.length } });
    return { centreIds, staffIds };
  }).then(async (context) => {
    // Each feature adds its demo history here, in dependency order, through its own repositories.
    const diary = await seedDemoDiary(db, context);
    await (await import('./seed-demo-requests')).seedDemoRequests(db, context);
    const staffNames = Object.fromEntries(DEMO_STAFF.map((person) => [context.staffIds[person.email]!, person.name]));
    await seedDemoClinical(db, diary, staffNames);
    return context;
  });
}
