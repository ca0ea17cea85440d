/**
 * The public intake: what a clinic's website posts, with no sign-in. An encapsulated plugin, so the
 * form-body parser and CORS apply here only: staff routes never accept form bodies or cross-site
 * calls.
 *
 * Anti-abuse without a third-party CAPTCHA: a honeypot field, a minimum fill time carried by our
 * own signed form token, and a per-address rate limit counted in the database. A submission that
 * trips any of them is answered exactly like a good one and kept in quarantine for a manager to
 * look at: nothing a person sent is lost.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import { ErrorBody } from '../../shared/api/common';
import {
  FormTokenSchema, PublicCentreListSchema, PublicRequestAcceptedSchema, PublicRequestInputSchema,
  type PublicRequestInput, type QuarantineReason,
} from '../../shared/api/requests';
import { appendAudit } from '../db/repositories/audit';
import { findCentre, listCentres } from '../db/repositories/centres';
import { inGroupCommit } from '../db/group-commit';
import { countFromClient, insertRequest } from '../db/repositories/requests';
import { checkFormToken, clientKey, formSecret, issueFormToken, RATE_LIMIT } from '../db/repositories/requests-form';
import { EMAIL_PATTERN, readPhone } from '../db/repositories/requests-rules';
import { badRequest } from '../errors';
import { fieldMessages } from '../plugins/errors';
import { REQUESTS_ACCESS } from './requests-permissions';
import { preferencesOf } from './requests';

/** Enough for a 2,000-character message in any script plus every other field. */
export const PUBLIC_BODY_LIMIT = 32 * 1024;

const FRIENDLY: Record<string, string> = {
  kind: 'Choose a callback or an appointment.',
  name: 'Please tell us your name.',
  phone: 'Enter a UK phone number such as 07700 900123.',
  email: 'Enter an email address such as name@example.com.',
  centre: 'Choose a centre from the list.',
  preferredTime: 'Choose morning, afternoon, evening or any time.',
  preferredTimeOfDay: 'Choose morning, afternoon, evening or any time.',
  preferredDays: 'Choose days of the week (mon, tue, wed, thu, fri, sat, sun).',
  newPatient: 'Answer yes or no.',
  consent: 'Please tick the box to agree that we may contact you about your request.',
  website: 'Leave this field empty.',
  formToken: 'Reload the form and try again.',
};

const TRUE_WORDS = new Set(['true', 'on', 'yes', '1', 'y']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0', 'n']);

/**
 * An HTML form sends every value as text: checkboxes as "on", repeated or comma-separated days,
 * blank optional fields. Turn them into what the JSON schema expects before it is checked.
 */
function fromFormFields(raw: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const text = Array.isArray(value) ? value : typeof value === 'string' ? value.trim() : value;
    if (text === '' && key !== 'website') continue;
    body[key] = text;
  }
  for (const key of ['consent', 'newPatient']) {
    const value = body[key];
    if (typeof value === 'string') {
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word)) body[key] = true;
      else if (FALSE_WORDS.has(word)) body[key] = false;
    }
  }
  const days = body['preferredDays'];
  if (typeof days === 'string') body['preferredDays'] = days.split(/[\s,]+/).filter(Boolean).map((d) => d.toLowerCase());
  else if (Array.isArray(days)) body['preferredDays'] = days.flatMap((d) => String(d).split(/[\s,]+/)).filter(Boolean).map((d) => d.toLowerCase());
  return body;
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function thankYouLocation(base: string, reference: string): string {
  const [path, hash] = base.split('#', 2);
  const separator = path!.includes('?') ? '&' : '?';
  return `${path}${separator}reference=${encodeURIComponent(reference)}${hash !== undefined ? `#${hash}` : ''}`;
}

export default async function publicIntakeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const allowedOrigins = app.config.publicFormOrigins;

  await app.register(formbody, { bodyLimit: PUBLIC_BODY_LIMIT });
  // Only the public paths, and only for the clinic sites configured in PUBLIC_FORM_ORIGINS.
  await app.register(cors, {
    hook: 'onRequest',
    delegator(request, callback) {
      const path = (request.url.split('?')[0] ?? '');
      if (!path.startsWith('/api/public/') || !allowedOrigins.length) return callback(null, { origin: false });
      callback(null, { origin: allowedOrigins, methods: ['GET', 'POST'], allowedHeaders: ['Content-Type'], maxAge: 600, credentials: false });
    },
  });

  app.get('/api/public/centres', {
    config: { access: REQUESTS_ACCESS.public },
    schema: { tags: ['public'], summary: 'Centres a patient can choose on the form', response: { 200: PublicCentreListSchema } },
  }, async () => (await listCentres(app.db)).filter((c) => c.active).map((c) => ({ id: c.id, name: c.name })));

  app.get('/api/public/form-token', {
    config: { access: REQUESTS_ACCESS.public },
    schema: { tags: ['public'], summary: 'A signed token carrying its issue time; send it back as formToken', response: { 200: FormTokenSchema } },
  }, async () => issueFormToken(await formSecret(app.db)));

  app.post('/api/public/requests', {
    config: { access: REQUESTS_ACCESS.public },
    bodyLimit: PUBLIC_BODY_LIMIT,
    attachValidation: true,
    schema: {
      tags: ['public'],
      summary: 'Request a callback or an appointment (JSON → 202 {reference}; HTML form → 303 to the thank-you page)',
      description: 'Accepts application/json and application/x-www-form-urlencoded; anything else gets 415, an oversize body 413. '
        + 'A callback needs a phone number. Each invalid field is named in the 400 answer and nothing is stored.',
      consumes: ['application/json', 'application/x-www-form-urlencoded'],
      body: PublicRequestInputSchema,
      response: { 202: PublicRequestAcceptedSchema, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody },
    },
    preValidation: async (request) => {
      if (isForm(request) && request.body && typeof request.body === 'object') {
        request.body = fromFormFields(request.body as Record<string, unknown>) as PublicRequestInput;
      }
    },
  }, async (request, reply) => {
    const body = request.body as unknown;
    const fields: Record<string, string> = {};
    if (request.validationError) {
      const issues = (request.validationError as { validation?: unknown[] }).validation ?? [];
      for (const [path, message] of Object.entries(fieldMessages(issues as Parameters<typeof fieldMessages>[0], 'body'))) {
        const field = path.split('.')[0] || 'body';
        fields[field] ??= FRIENDLY[field] && !/characters/.test(message) ? FRIENDLY[field]! : message;
      }
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Some fields need correcting.', Object.keys(fields).length ? fields : { body: 'Send the form fields.' });
    const input = body as Partial<PublicRequestInput>;
    const phone = typeof input.phone === 'string' ? input.phone.trim() : '';
    const email = typeof input.email === 'string' ? input.email.trim() : '';
    if (!fields['phone']) {
      if (phone && !readPhone(phone).valid) fields['phone'] = FRIENDLY['phone']!;
      else if (!phone && input.kind === 'callback') fields['phone'] = 'We need a phone number to call you back.';
      else if (!phone && !email && input.kind === 'appointment') fields['phone'] = 'Give a phone number or an email address so we can reach you.';
    }
    if (!fields['email'] && email && !EMAIL_PATTERN.test(email)) fields['email'] = FRIENDLY['email']!;
    let centreId: string | null = null;
    if (!fields['centre'] && typeof input.centre === 'string' && input.centre.trim()) {
      const centre = await findCentre(app.db, input.centre.trim()).catch(() => undefined);
      if (!centre || !centre.active) fields['centre'] = FRIENDLY['centre']!;
      else centreId = centre.id;
    }
    if (Object.keys(fields).length) throw badRequest('Some fields need correcting.', fields);
    const valid = input as PublicRequestInput;

    const secret = await formSecret(app.db);
    const sender = clientKey(secret, request.ip);
    let quarantine: QuarantineReason | null = null;
    if (valid.website && valid.website.trim() !== '') quarantine = 'honeypot';
    else if (valid.formToken) {
      const verdict = checkFormToken(secret, valid.formToken);
      if (verdict !== 'ok') quarantine = verdict;
    }

    // Shares its commit with the other arrivals of the moment (a burst from the website); the 202 waits for it.
    const row = await inGroupCommit(app.db, async (trx) => {
      // Counted in the database, so the limit holds across restarts and API instances; decided afresh
      // on every run of this work (it may run again after a busy database).
      let reason: QuarantineReason | null = quarantine;
      if (!reason && (await countFromClient(trx, sender, new Date(Date.now() - RATE_LIMIT.windowMs).toISOString())) >= RATE_LIMIT.count) {
        reason = 'rate-limit';
      }
      const created = await insertRequest(trx, {
        kind: valid.kind,
        source: 'web-form',
        centreId,
        name: valid.name,
        phone: phone || null,
        email: email || null,
        message: (valid.message ?? '').trim(),
        preferences: preferencesOf(valid),
        consent: true,
        quarantineReason: reason,
        clientKey: sender,
      });
      await appendAudit(trx, {
        actorId: null, actorRole: 'public', action: 'request.received', entityType: 'request', entityId: created.id, centreId: created.centre_id,
        ip: request.ip, detail: { reference: created.reference, kind: created.kind, priority: created.priority, ...(reason && { quarantined: reason }) },
      });
      return created;
    });
    try {
      await app.events.publish({ type: 'request.created', id: row.id, centreId: row.centre_id, version: Number(row.version) });
    } catch (error) {
      request.log.warn({ err: error }, 'live event not published');
    }
    if (isForm(request)) {
      return reply.redirect(thankYouLocation(app.config.thankYouUrl, row.reference), 303);
    }
    return reply.status(202).send({ reference: row.reference });
  });
}
