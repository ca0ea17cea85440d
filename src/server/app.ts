import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifySchema, type RouteOptions } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Config } from './config';
import type { Connection } from './db/connect';
import { badRequest } from './errors';
import { serializeResponsesFast } from './response-schemas';
import authPlugin from './plugins/auth';
import dbPlugin from './plugins/db';
import errorsPlugin from './plugins/errors';
import eventsPlugin from './plugins/events';
import securityPlugin, { baselineSecurityHeaders } from './plugins/security';
import adminRoutes from './routes/admin';
import authRoutes from './routes/auth';
import diaryRoutes from './routes/diary';
import patientRoutes from './routes/patients';
import systemRoutes from './routes/system';
import visitRoutes from './routes/visits';
import handoutRoutes from './routes/handouts';
import analyticsRoutes from './routes/analytics';
import './types';

export interface BuildOptions {
  config: Config;
  conn: Connection;
  /** Tests pass false to keep their output readable. */
  logger?: boolean;
  /** Sees every route as it registers (the permission-table test lists them with it). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Smaller responses go out as they are. Compressing one costs a compression stream per response
 * (brotli allocates its window even for 3 kB: ~2 ms of CPU a visit save measured, more than the
 * save's own queries), and a response this small arrives in the first flight of packets
 * (TCP's initial window is 10 segments, ~14 kB, of which the headers take ~1 kB) whether compressed
 * or not, so it saves no round trip. Larger JSON (queue pages, analytics) and the built files are compressed.
 */
export const COMPRESS_THRESHOLD_BYTES = 12 * 1024;

/** The request log: method, path and status only. Query strings can hold patient names, so they are dropped. */
const serializers = {
  req(request: { method: string; url: string; id: string }) {
    return { id: request.id, method: request.method, path: request.url.split('?')[0] };
  },
};

export async function buildApp({ config, conn, logger = true, onRoute }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, serializers, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]'] } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
    // Fastify answers a path it cannot decode before any hook runs: give it the usual body and headers.
    frameworkErrors(error, _request, frameworkReply) {
      const reply = frameworkReply as FastifyReply;
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      reply.headers(baselineSecurityHeaders());
      reply.status(status).send({ error: { code: 'bad_request', message: 'The address could not be read.' } });
    },
  });
  app.decorate('config', config);
  app.setValidatorCompiler(validatorFor);
  // Added before any plugin so routes registered inside encapsulated plugins are seen too.
  if (onRoute) app.addHook('onRoute', onRoute);
  // Nullable and enum fields serialized by a typeof check instead of an Ajv validator per value.
  app.addHook('onRoute', serializeResponsesFast);

  // Text no database can keep as sent (NUL, which PostgreSQL refuses; a lone UTF-16 surrogate, which would be
  // stored as U+FFFD) is refused up front with a 400, instead of failing in the database or changing silently.
  app.addHook('preValidation', async (request) => {
    const field = unstorableText(request.body, 'body') ?? unstorableText(request.query, 'query') ?? unstorableText(request.params, 'params');
    if (field !== undefined) throw badRequest('Some fields need correcting.', { [field]: 'This text contains a character that cannot be stored.' });
  });

  // Only JSON reaches staff routes: a form post or text/plain body from another site is refused (415).
  app.removeContentTypeParser('text/plain');

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { conn });
  await app.register(cookie);
  await app.register(securityPlugin);
  await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD_BYTES });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Clinic Desk API', version: config.version, description: 'Staff dashboard for chiropractic clinics.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cd_session' } } },
    },
  });
  await app.register(authPlugin);
  await app.register(eventsPlugin);

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  // Feature routes: one line per area, added as each feature lands.
  await app.register(import('./routes/public-intake'));
  await app.register(import('./routes/requests'));
  await app.register(patientRoutes);
  await app.register(diaryRoutes);
  await app.register(visitRoutes);
  await app.register(handoutRoutes);
  await app.register(analyticsRoutes);

  await registerSpa(app, config.staticDir);
  return app;
}

/*
 * Two validators. Query strings and path parameters arrive as text, so they are coerced
 * ("5" → 5). Bodies are JSON and checked strictly: coercion there would turn a null
 * (an untested value) into 0 (a finding) and quietly drop fields the client meant to send.
 */
function makeAjv(coerceTypes: false | 'array') {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: false });
  addFormats(ajv);
  return ajv;
}
const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array');
function validatorFor({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (or key) holding a NUL or a lone surrogate, or undefined. */
export function unstorableText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const where = `${path}.${key}`;
    if (UNSTORABLE.test(key)) return path;
    const found = unstorableText(item, where, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Serves the built Angular app; any other non-API GET gets index.html so deep links work. */
async function registerSpa(app: FastifyInstance, staticDir: string) {
  const indexFile = path.join(staticDir, 'index.html');
  const hasBuild = fs.existsSync(indexFile);
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        // Built files carry a content hash in their name, so they never change.
        res.setHeader('cache-control', /-[A-Z0-9]{8}\.(js|css)$/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathOnly = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' || pathOnly.startsWith('/api') || !hasBuild || path.extname(pathOnly)) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'There is nothing at this address.' } });
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(fs.createReadStream(indexFile));
  });
}
