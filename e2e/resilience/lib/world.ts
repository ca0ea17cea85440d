import './jasmine-shim';
import type { RouteOptions } from 'fastify';
import { FOLLOW_UP_TYPE_ID } from '../../../src/server/db/migrations/003-diary';
import { addDays, localDate, localToUtc } from '../../../src/server/db/repositories/diary';
import { createSession } from '../../../src/server/db/repositories/sessions';
import {
  type Agent, agent, createCentre, createStaff, createTestApp, type Engine, type TestApp, type TestDb, type TestStaff,
} from '../../../src/server/test/helpers/test-app';
import type { Config } from '../../../src/server/config';

export * from '../../../src/server/test/helpers/test-app';
export { FOLLOW_UP_TYPE_ID };

export const ALL_DAY_EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '23:55' }));

/** An instant at a London wall-clock time, `days` days from today. */
export function londonAt(days: number, minutes: number): string {
  const date = addDays(localDate('Europe/London', Date.now()), days);
  return new Date(localToUtc('Europe/London', date, minutes)!).toISOString();
}

export interface Route {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
  access: { kind: string; roles?: readonly string[] } | undefined;
}

/** A populated app: two centres, one of each role, a patient, a request, an appointment and a visit. */
export interface World {
  t: TestApp;
  routes: Route[];
  centreA: string;
  centreB: string;
  manager: TestStaff;
  reception: TestStaff;
  chiro: TestStaff;
  other: TestStaff;
  ids: { patient: string; request: string; appointment: string; visit: string; handout: string | null; adviceKey: string; typeId: string };
  /** An agent with a fresh session made straight in the database (no sign-in, no throttle). */
  session(who: TestStaff): Promise<Agent>;
}

export function collectRoutes(into: Route[]) {
  return (route: RouteOptions) => {
    for (const method of ([] as string[]).concat(route.method)) {
      into.push({ method, url: route.url, schema: route.schema as Record<string, unknown> | undefined, access: (route.config as { access?: Route['access'] } | undefined)?.access });
    }
  };
}

export async function buildWorld(engineOrDb: Engine | TestDb, overrides: Partial<Config> = {}): Promise<World> {
  const routes: Route[] = [];
  const t = await createTestApp(engineOrDb, overrides, { onRoute: collectRoutes(routes) });
  const centreA = (await createCentre(t.db)).id;
  const centreB = (await createCentre(t.db)).id;
  const manager = await createStaff(t.db, { role: 'manager', centreIds: [centreA] });
  const reception = await createStaff(t.db, { role: 'receptionist', centreIds: [centreA] });
  const chiro = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreA] });
  const other = await createStaff(t.db, { role: 'receptionist', centreIds: [centreB] });
  const session = async (who: TestStaff) => {
    const client = agent(t.app);
    const { id, row } = await createSession(t.db, { staffId: who.id, stage: 'active', ip: '127.0.0.1', userAgent: 'resilience' });
    client.cookies.set('cd_session', id);
    client.cookies.set('XSRF-TOKEN', row.csrf_token);
    return client;
  };
  const m = await session(manager);
  const r = await session(reception);
  const c = await session(chiro);
  const must = async (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`world setup: ${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body);
  };
  await must(await m.put(`/api/clinicians/${chiro.id}/hours`, { centreId: centreA, hours: ALL_DAY_EVERY_DAY }), 'clinician hours');
  const patient = await must(await r.post('/api/patients', { centreId: centreA, givenName: 'Ada', familyName: 'World', dateOfBirth: '1970-01-01', phone: '07700 900123' }), 'patient');
  const request = await must(await r.post('/api/requests', { kind: 'callback', source: 'phone', name: 'Ada World', phone: '07700 900123', message: 'Sore back', centreId: centreA }), 'request');
  const appointment = await must(await r.post('/api/appointments', { centreId: centreA, clinicianId: chiro.id, patientId: patient.id, typeId: FOLLOW_UP_TYPE_ID, start: londonAt(3, 10 * 60) }), 'appointment');
  const visit = await must(await c.post(`/api/patients/${patient.id}/visits`, {}), 'visit');
  const draft = await c.get(`/api/visits/${visit.id}/handout-draft`);
  let handout: string | null = null;
  if (draft.statusCode === 200) {
    const issued = await c.post(`/api/visits/${visit.id}/handouts`, { draft: draft.json().draft });
    if (issued.statusCode < 300) handout = issued.json().id;
  }
  const modules = await must(await m.get('/api/advice/modules'), 'advice modules');
  return {
    t, routes, centreA, centreB, manager, reception, chiro, other, session,
    ids: { patient: patient.id, request: request.id, appointment: appointment.id, visit: visit.id, handout, adviceKey: modules[0]?.key ?? 'salt', typeId: FOLLOW_UP_TYPE_ID },
  };
}

export function isStateChanging(method: string) {
  return ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
}
