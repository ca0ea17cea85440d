/**
 * Demo requests: about 400 callbacks and appointment requests over the last 60 days for every demo
 * centre, in patients' own words, with claims, call attempts and every outcome, some urgent and
 * emergency, some overdue, some held right now, and a few quarantined. Dates are relative to now
 * and a seeded PRNG makes every run alike. Goes through the requests repositories, so triage,
 * due times and matching are computed exactly as for real requests.
 */
import type { AttemptOutcome, CloseOutcome, Preferences, QuarantineReason, RequestKind, RequestSource } from '../../shared/api/requests';
import type { Db, DbOrTrx } from '../db/database';
import { appendAudit } from '../db/repositories/audit';
import {
  addHistory, findRequestRow, firstContactColumns, insertAttempt, insertRequest, isFailedAttempt, type RequestRowWithNames, updateRequest,
} from '../db/repositories/requests';

export interface DemoRequestsContext {
  centreIds: Record<string, string>;
  staffIds: Record<string, string>;
}

/** The exam type the diary seeds for first visits (migration 003-diary). */
import { prng } from './demo-random';

const NEW_PATIENT_EXAM_TYPE_ID = '00000000-0000-4000-8000-000000000301';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Rand = ReturnType<typeof prng>;

const GIVEN = ['Aisha', 'Ben', 'Carys', 'Daniel', 'Eleanor', 'Farhan', 'Grace', 'Harry', 'Imogen', 'Jack', 'Katie', 'Liam', 'Megan', 'Nathan',
  'Olivia', 'Peter', 'Rhiannon', 'Simon', 'Tara', 'Usman', 'Victoria', 'William', 'Yasmin', 'Zoe', 'Gareth', 'Sian', 'Callum', 'Priti', 'Martin', 'Hannah'];
const FAMILY = ['Ahmed', 'Baker', 'Clarke', 'Davies', 'Edwards', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Nolan',
  'Owen', 'Price', 'Roberts', 'Singh', 'Taylor', 'Turner', 'Walker', 'White', 'Wood', 'Young', 'Harrison', 'Mitchell', 'Kaur', 'Bennett', 'Lloyd', 'Foster'];

const ROUTINE = [
  "Hi, I've had a stiff lower back for about two weeks after gardening. Could someone call me to book in?",
  'I keep getting calf cramps at night, it wakes me up two or three times a week. Would like an assessment.',
  'Neck and shoulder pain from working on a laptop all day. Is this something you can help with?',
  'My hamstrings cramp when I do the bridge exercise my physio gave me. Can I book an appointment?',
  'Tight muscles beside my spine since I moved house, carrying boxes. Looking for a new patient appointment.',
  'Pain in my right buttock and down the back of my thigh when I sit for a long time, comes and goes.',
  'Could I book a follow-up? My back is much better but still twinges first thing in the morning.',
  'Runner here, I get cramp in my foot and calf on long runs. Want advice on what is going on.',
  'My GP suggested chiropractic for my lower back. When is your next available appointment?',
  'Hip and lower back ache after long drives for work. Evenings are best for me.',
  'I get cramp in my hand when writing, started about a month ago.',
  'Stiffness between my shoulder blades after a long flight last week, otherwise fine.',
  'Please call me about prices for a first appointment.',
  'Would like to bring my husband in too, he has a sore neck from sleeping funny.',
  'Pulled something in my back lifting my toddler, it is easing but still sore when I bend.',
  'Do you see teenagers? My son has back ache from rugby training.',
  'Tension headaches and a stiff neck, I think it is my posture at work.',
  'Calf cramps when I swim, especially in cold water.',
  '',
  'Please ring me back, easier to explain on the phone.',
];
const GP_NOTE = [
  'Cramps in both legs most nights for months now, it is really disturbing my sleep.',
  'My leg muscles look thinner than they used to and I get cramp walking to the shops.',
  'I started new tablets from the doctor last month (water tablets) and since then get cramps, could that be related?',
];
const URGENT = [
  "Back pain that's worse at night and doesn't ease with rest, and I've lost weight without trying.",
  'I am on a statin and for the last week my muscles ache all over and feel weak.',
  'My left calf is swollen, warm and red, throbbing since yesterday.',
  'Had a cramp in my calf that lasted over 15 minutes this morning and it is still sore.',
  'New tingling and numbness in both hands and I feel clumsy, keep dropping things.',
  'Back pain and a temperature of 38.5 since Sunday.',
  'Pain between my shoulder blades, I had breast cancer five years ago.',
];
const EMERGENCY = [
  "Lower back pain since Friday and now I can't feel the toilet paper when I wipe, numb down below.",
  "Both legs have gone weak and tingly and I've had trouble peeing since this morning.",
  'Back pain and now chest pain spreading to my left arm, feeling sick and sweaty.',
  "My dad's face is drooping on one side and his speech is slurred, he has had back pain for a week.",
  'My calf was swollen all week and now I am short of breath and coughed up some blood.',
  'Wet myself without realising last night, my back has been agony for days.',
];
const JUNK = [
  'Hello, do you sell orthopaedic mattresses? Please send a price list.',
  'We can get your clinic to the top of Google. Reply for a free audit.',
];
const SPAM: { reason: QuarantineReason; name: string; message: string; phone: string | null; email: string | null }[] = [
  { reason: 'honeypot', name: 'SEO Expert', message: 'Best SEO services for your clinic website!!! Visit http://cheap-seo.example now', phone: null, email: 'seo@spam.example' },
  { reason: 'honeypot', name: 'Crypto Team', message: 'Guaranteed crypto returns, 300% in a week, click http://coin.example', phone: null, email: 'win@coin.example' },
  { reason: 'too-fast', name: 'asdf', message: 'buy followers cheap buy followers cheap', phone: '07700 900001', email: null },
  { reason: 'bad-token', name: 'Test Test', message: 'test', phone: '07700 900002', email: 'test@example.com' },
  { reason: 'rate-limit', name: 'Margaret Hughes', message: 'Sorry if this sent more than once, the page kept freezing. My back went yesterday, please ring.', phone: '01632 960 444', email: null },
  { reason: 'too-fast', name: 'Loan Offers', message: 'Instant loans approved today no credit checks', phone: null, email: 'loans@spam.example' },
  { reason: 'honeypot', name: 'Backlinks', message: 'High quality backlinks package for clinics', phone: null, email: 'links@spam.example' },
  { reason: 'rate-limit', name: 'Margaret Hughes', message: 'Sorry if this sent more than once. My back went yesterday, please ring.', phone: '01632 960 444', email: null },
];

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Arrival minute of the day (UK local is UTC or UTC+1: close enough for demo shape). */
function arrivalMinute(rand: Rand): number {
  const hour = rand.weighted([[7, 3], [8, 6], [9, 8], [10, 8], [11, 7], [12, 7], [13, 6], [14, 6], [15, 5], [16, 5], [17, 5], [18, 5], [19, 6], [20, 7], [21, 6], [22, 3], [23, 1], [6, 1]] as const);
  return hour * 60 + rand.int(0, 59);
}

interface Desk {
  receptionists: string[];
}

export async function seedDemoRequests(db: Db, context: DemoRequestsContext, now = Date.now(), seed = 20261203): Promise<{ requests: number }> {
  const rand = prng(seed);
  const sam = context.staffIds['reception@demo.clinic'];
  const jo = context.staffIds['reception2@demo.clinic'];
  const priya = context.staffIds['reception3@demo.clinic'];
  const manager = context.staffIds['manager@demo.clinic'] ?? null;
  const desks: Record<string, Desk> = {};
  for (const [key, centreId] of Object.entries(context.centreIds)) {
    const local = key === 'riverside' ? jo : key === 'hillview' ? priya : undefined;
    desks[centreId] = { receptionists: [sam, local].filter((id): id is string => !!id) };
  }
  if (!Object.values(desks).some((d) => d.receptionists.length)) return { requests: 0 };

  return db.transaction().execute(async (trx) => {
    // Appointments the diary booked: a booked request links to one, a new-patient exam when there is one.
    const exams = await trx.selectFrom('appointments')
      .innerJoin('patients', 'patients.id', 'appointments.patient_id')
      .select(['appointments.id', 'appointments.centre_id', 'appointments.patient_id', 'appointments.start_at', 'appointments.created_at',
        'appointments.type_id', 'patients.given_name', 'patients.family_name', 'patients.phone', 'patients.email'])
      .where('appointments.status', '!=', 'cancelled')
      .where('appointments.request_id', 'is', null)
      .orderBy('appointments.start_at')
      .execute()
      .catch(() => []);
    const usedExams = new Set<string>();
    let count = 0;
    const outcomesSeen = new Set<CloseOutcome>();
    const recentByCentre: Record<string, RequestRowWithNames[]> = {};

    for (let day = 59; day >= 0; day--) {
      for (const centreId of Object.values(context.centreIds)) {
        const desk = desks[centreId];
        if (!desk?.receptionists.length) continue;
        const dayStart = Math.floor((now - day * DAY) / DAY) * DAY;
        const weekday = new Date(dayStart).getUTCDay();
        const arrivals = weekday === 0 || weekday === 6 ? rand.int(1, 3) : rand.int(2, 5);
        for (let i = 0; i < arrivals; i++) {
          const received = dayStart + arrivalMinute(rand) * MINUTE;
          if (received > now - 2 * MINUTE) continue;
          await seedOne(trx, rand, { centreId, desk, received, now, manager, exams, usedExams, outcomesSeen, recent: (recentByCentre[centreId] ??= []) });
          count++;
        }
      }
    }

    // This morning's arrivals, still waiting: one of them an emergency nobody has acknowledged yet,
    // so the demo shows the alert and the top of the queue as a receptionist would meet them.
    const arrivals = [EMERGENCY[0]!, URGENT[0]!, ...ROUTINE.slice(0, 6)];
    for (const [index, message] of arrivals.entries()) {
      const centreId = Object.values(context.centreIds)[index % Object.keys(context.centreIds).length]!;
      const given = GIVEN[(index * 7) % GIVEN.length]!;
      const family = FAMILY[(index * 5 + 3) % FAMILY.length]!;
      await insertRequest(trx, {
        kind: index % 3 === 2 ? 'appointment' : 'callback', source: 'web-form', centreId, name: `${given} ${family}`,
        phone: `07700 9${String(10_500 + index * 37)}`, email: `${given}.${family}@example.com`.toLowerCase(), message, consent: true,
        preferences: index % 3 === 2
          ? { preferredTime: null, preferredDays: ['mon', 'wed'], preferredTimeOfDay: 'morning', newPatient: true }
          : { preferredTime: 'any', preferredDays: [], preferredTimeOfDay: null, newPatient: null },
        createdBy: null, receivedAt: new Date(now - (index * 23 + 6) * MINUTE).toISOString(),
      });
      count++;
    }

    // Someone is on the phone right now: a few of the newest open requests are held.
    const newest = await trx.selectFrom('requests').select(['id', 'version', 'centre_id', 'holder_id']).where('status', '!=', 'closed')
      .where('quarantined', '=', 0).orderBy('received_at', 'desc').limit(8).execute();
    for (const [index, open] of newest.filter((r) => !r.holder_id).slice(0, 3).entries()) {
      const staff = desks[open.centre_id!]?.receptionists[index % 2] ?? sam!;
      const heldAt = now - (index * 3 + 2) * MINUTE;
      const at = new Date(heldAt).toISOString();
      await updateRequest(trx, open.id, Number(open.version), {
        holder_id: staff, held_at: at, hold_expires_at: new Date(heldAt + 15 * MINUTE).toISOString(), status: 'in-progress',
      }, at);
      await addHistory(trx, { requestId: open.id, actorId: staff, action: 'claimed', detail: {}, at });
    }

    // A few submissions held in quarantine, spread over the last fortnight.
    const centres = Object.values(context.centreIds);
    for (const [index, spam] of SPAM.entries()) {
      const received = now - (index * 41 + 90) * HOUR / 3;
      await insertRequest(trx, {
        kind: spam.phone ? 'callback' : 'appointment', source: 'web-form', centreId: index % 3 === 0 ? null : centres[index % centres.length]!,
        name: spam.name, phone: spam.phone, email: spam.email, message: spam.message, consent: true,
        preferences: { preferredTime: 'any', preferredDays: [], preferredTimeOfDay: null, newPatient: null },
        quarantineReason: spam.reason, receivedAt: new Date(received).toISOString(),
      });
      count++;
    }

    await appendAudit(trx, { actorId: null, actorRole: 'system', action: 'demo.requests-seeded', detail: { requests: count } });
    return { requests: count };
  });
}

interface SeedContext {
  centreId: string;
  desk: Desk;
  received: number;
  now: number;
  manager: string | null;
  exams: { id: string; centre_id: string; patient_id: string; start_at: string; created_at: string; type_id: string; given_name: string; family_name: string; phone: string; email: string }[];
  usedExams: Set<string>;
  outcomesSeen: Set<CloseOutcome>;
  recent: RequestRowWithNames[];
}

async function seedOne(trx: DbOrTrx, rand: Rand, c: SeedContext): Promise<void> {
  const age = c.now - c.received;
  const severity = rand.weighted([['routine', 80], ['gp', 6], ['urgent', 9], ['emergency', 3], ['junk', 2]] as const);
  const kind: RequestKind = severity === 'emergency' || severity === 'urgent' ? 'callback' : rand.chance(0.55) ? 'callback' : 'appointment';
  const source: RequestSource = rand.weighted([['web-form', 80], ['phone', 14], ['walk-in', 6]] as const);
  const message = severity === 'emergency' ? rand.pick(EMERGENCY) : severity === 'urgent' ? rand.pick(URGENT)
    : severity === 'gp' ? rand.pick(GP_NOTE) : severity === 'junk' ? rand.pick(JUNK) : rand.pick(ROUTINE);

  // Decide the fate first: a booked request comes from the person the diary later saw.
  // An emergency is dealt with the same day (a real desk never leaves one waiting for weeks);
  // the demo's open emergencies are today's, so the alert shows what happens as one arrives.
  const open = severity === 'emergency' && age >= DAY ? false
    : age < DAY ? rand.chance(0.7) : age < 3 * DAY ? rand.chance(0.3) : rand.chance(0.025);
  const duplicateOf = !open && c.recent.length && rand.chance(0.05) ? c.recent[c.recent.length - 1 - rand.int(0, Math.min(3, c.recent.length - 1))] : undefined;
  let outcome: CloseOutcome | null = null;
  if (!open) {
    outcome = duplicateOf ? 'duplicate' : chooseOutcome(rand, severity, c.outcomesSeen);
  }
  let exam: SeedContext['exams'][number] | undefined;
  if (outcome === 'booked') {
    const fits = (e: SeedContext['exams'][number]) => e.centre_id === c.centreId && !c.usedExams.has(e.id)
      && Date.parse(e.start_at) > c.received + 2 * HOUR && Date.parse(e.start_at) < c.received + 12 * DAY;
    exam = c.exams.find((e) => fits(e) && e.type_id === NEW_PATIENT_EXAM_TYPE_ID) ?? c.exams.find(fits);
    if (exam) c.usedExams.add(exam.id);
    else outcome = rand.weighted([['advice-given', 40], ['not-interested', 30], ['unable-to-contact', 30]] as const);
  }

  const given = rand.pick(GIVEN);
  const family = rand.pick(FAMILY);
  const person = duplicateOf
    ? { name: duplicateOf.name, phone: duplicateOf.phone, email: duplicateOf.email }
    : exam
      ? { name: `${exam.given_name} ${exam.family_name}`, phone: exam.phone || null, email: exam.email || null }
      : {
          name: `${given} ${family}`,
          phone: kind === 'callback' || rand.chance(0.8) ? (rand.chance(0.8) ? `07700 9${String(rand.int(10000, 99999)).slice(0, 5)}` : `01632 960 ${String(rand.int(100, 999))}`) : null,
          email: rand.chance(0.7) ? `${given}.${family}${rand.int(1, 99)}@example.com`.toLowerCase() : null,
        };
  const phone = kind === 'callback' && !person.phone ? `07700 9${String(rand.int(10000, 99999)).slice(0, 5)}` : person.phone;
  const preferences: Preferences = kind === 'callback'
    ? { preferredTime: rand.pick(['morning', 'afternoon', 'evening', 'any'] as const), preferredDays: [], preferredTimeOfDay: null, newPatient: null }
    : {
        preferredTime: null, preferredDays: WEEKDAYS.filter(() => rand.chance(0.4)), preferredTimeOfDay: rand.pick(['morning', 'afternoon', 'evening', 'any'] as const),
        newPatient: exam ? exam.type_id === NEW_PATIENT_EXAM_TYPE_ID : rand.chance(0.6),
      };
  const staffEntered = source !== 'web-form';
  const creator = staffEntered ? rand.pick(c.desk.receptionists) : null;
  let row = await insertRequest(trx, {
    kind, source, centreId: c.centreId, name: person.name, phone, email: person.email, message, preferences, consent: true,
    createdBy: creator, receivedAt: new Date(c.received).toISOString(),
  });
  c.recent.push(row);
  if (c.recent.length > 20) c.recent.shift();

  const due = Date.parse(row.due_at);
  const flagged = (JSON.parse(row.red_flags) as unknown[]).length > 0;
  const staff = creator ?? rand.pick(c.desk.receptionists);
  const idle = 15 * MINUTE;

  /** One change: conditional update, history row; the version moves on. */
  const act = async (at: number, action: Parameters<typeof addHistory>[1]['action'], changes: Parameters<typeof updateRequest>[3], detail: Record<string, unknown>, actor: string | null = staff) => {
    const iso = new Date(Math.min(at, c.now - MINUTE)).toISOString();
    await updateRequest(trx, row.id, Number(row.version), changes, iso);
    await addHistory(trx, { requestId: row.id, actorId: actor, action, detail, at: iso });
    row = (await findRequestRow(trx, row.id))!;
  };

  // How fast the desk got to it: most within the target, some late (overdue), emergencies at once.
  const slack = row.priority === 'emergency' ? rand.int(1, 12) * MINUTE
    : rand.chance(0.82) ? Math.max(MINUTE, (due - c.received) * rand.next() * 0.9) : (due - c.received) + rand.int(20, 600) * MINUTE;
  let t = Math.max(c.received + MINUTE, Math.min(c.received + slack, due + 3 * DAY));

  // Still waiting, untouched: a new request (overdue when its due time has passed).
  if (open && rand.chance(age < DAY ? 0.45 : 0.25)) return;
  if (t >= c.now - 2 * MINUTE) return;

  // Claim.
  await act(t, 'claimed', { holder_id: staff, held_at: new Date(t).toISOString(), hold_expires_at: new Date(t + idle).toISOString(), status: 'in-progress' }, {});
  if (flagged && (row.priority !== 'emergency' || !open || rand.chance(0.5))) {
    t += rand.int(0, 2) * MINUTE;
    await act(t, 'flags-acknowledged', { flags_acknowledged_at: new Date(t).toISOString(), flags_acknowledged_by: staff }, { priority: row.priority });
  }

  if (outcome === 'duplicate' && duplicateOf) {
    t += rand.int(1, 10) * MINUTE;
    await close(t, 'duplicate', { duplicate_of: duplicateOf.id }, { duplicateOf: duplicateOf.id });
    return;
  }
  if (outcome === 'spam') {
    t += rand.int(1, 5) * MINUTE;
    await close(t, 'spam', {}, {});
    return;
  }

  // Call attempts.
  const plan: AttemptOutcome[] = outcome === 'unable-to-contact'
    ? [rand.pick(['no-answer', 'voicemail'] as const), 'voicemail', rand.pick(['no-answer', 'wrong-number'] as const)]
    : open
      ? (rand.chance(0.6) ? [rand.pick(['no-answer', 'voicemail'] as const)] : rand.chance(0.5) ? ['no-answer', 'voicemail', 'no-answer'] : [])
      : [...(rand.chance(0.35) ? [rand.pick(['no-answer', 'voicemail'] as const)] : []), 'spoke'];
  let failed = 0;
  for (const [index, result] of plan.entries()) {
    if (index > 0) t += (outcome === 'unable-to-contact' ? rand.int(18, 30) * HOUR : rand.int(2, 26) * HOUR);
    if (t >= c.now - MINUTE) break;
    const next = isFailedAttempt(result) && (open || index < plan.length - 1) ? t + rand.int(2, 24) * HOUR : null;
    const at = new Date(t).toISOString();
    const attemptId = await insertAttempt(trx, {
      requestId: row.id, staffId: staff, at, outcome: result, nextAttemptAt: next ? new Date(next).toISOString() : null,
      note: result === 'voicemail' ? 'Left a message with our number.' : result === 'spoke' ? 'Spoke to them.' : result === 'wrong-number' ? 'Number did not belong to them.' : '',
    });
    failed = isFailedAttempt(result) ? failed + 1 : 0;
    await act(t, 'attempt-logged', {
      attempt_count: Number(row.attempt_count) + 1, failed_attempt_count: failed, last_attempt_at: at,
      next_attempt_at: next ? new Date(next).toISOString() : null, ...(!row.first_contact_at && await firstContactColumns(trx, row, at)),
      hold_expires_at: new Date(t + idle).toISOString(),
    }, { attemptId, outcome: result, at });
  }

  if (open) {
    // Some are being worked on right now: the claim is live.
    if (age < 6 * HOUR && rand.chance(0.5)) {
      const heldAt = c.now - rand.int(1, 10) * MINUTE;
      await act(heldAt, 'claimed', { holder_id: staff, held_at: new Date(heldAt).toISOString(), hold_expires_at: new Date(heldAt + idle).toISOString() }, {});
    }
    return;
  }
  t += rand.int(2, 30) * MINUTE;
  if (outcome === 'booked' && exam) {
    await close(Math.min(t, Date.parse(exam.start_at) - HOUR), 'booked', { appointment_id: exam.id, patient_id: exam.patient_id }, { appointmentId: exam.id });
    // The diary's appointment points back at the request it came from, for the intake funnel.
    await trx.updateTable('appointments').set({ request_id: row.id }).where('id', '=', exam.id).where('request_id', 'is', null).execute();
    return;
  }
  await close(t, outcome!, {}, {});

  async function close(at: number, result: CloseOutcome, extra: Parameters<typeof updateRequest>[3], detail: Record<string, unknown>) {
    const iso = new Date(Math.min(at, c.now - MINUTE)).toISOString();
    const note = result === 'advice-given' ? 'Gave stretching and fluids advice; will call back if no better.'
      : result === 'sent-to-999' ? 'Advised to call 999 / go to A&E now.'
        : result === 'sent-to-111' ? 'Advised to call NHS 111 today.'
          : result === 'sent-to-gp' ? 'Advised a same-day GP appointment.' : null;
    await act(at, 'closed', {
      status: 'closed', outcome: result, outcome_note: note, closed_at: iso, closed_by: staff,
      holder_id: null, held_at: null, hold_expires_at: null, ...extra,
    }, { outcome: result, ...detail });
    c.outcomesSeen.add(result);
  }
}

function chooseOutcome(rand: Rand, severity: 'routine' | 'gp' | 'urgent' | 'emergency' | 'junk', seen: Set<CloseOutcome>): CloseOutcome {
  if (severity === 'junk') return 'spam';
  if (severity === 'emergency') return rand.weighted([['sent-to-999', 75], ['sent-to-111', 25]] as const);
  if (severity === 'urgent') return rand.weighted([['sent-to-gp', 35], ['sent-to-111', 30], ['booked', 20], ['advice-given', 15]] as const);
  // Make sure every routine outcome shows up early in the demo.
  for (const outcome of ['booked', 'advice-given', 'not-interested', 'unable-to-contact', 'sent-to-gp'] as const) {
    if (!seen.has(outcome)) return outcome;
  }
  return rand.weighted([['booked', 48], ['advice-given', 16], ['not-interested', 12], ['unable-to-contact', 12], ['sent-to-gp', 4]] as const);
}
