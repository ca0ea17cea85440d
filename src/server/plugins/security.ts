import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/** Public pages a clinic's own website may show in an iframe. */
export const FRAMEABLE_PATHS = ['/request-callback', '/book-appointment', '/request-received'];

function isFrameable(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return FRAMEABLE_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Angular and Material add component styles at run time; scripts stay strictly 'self'.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};
const HSTS_MAX_AGE = 31_536_000;
const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/**
 * Every response's security headers, as helmet sets them with our options, rendered once by
 * helmet itself. They never vary per request (no nonces), so rendering helmet's middleware for
 * each one, as @fastify/helmet does (it parses the CSP directives anew every time), would be ~5%
 * of a small API request's CPU for the same strings.
 */
function renderSecurityHeaders(frameAncestors: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const capture = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, frameAncestors } },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE, includeSubDomains: true },
    referrerPolicy: { policy: REFERRER_POLICY },
    crossOriginEmbedderPolicy: false,
    // The public forms may be framed by the clinic's site; X-Frame-Options cannot express that, CSP can.
    frameguard: false,
  })({} as IncomingMessage, capture, () => undefined);
  return headers;
}

/**
 * Headers for the few responses Fastify writes before any hook has run (a path it cannot decode,
 * an over-long path parameter), so the plugin's hook never saw them.
 */
export function baselineSecurityHeaders(): Record<string, string> {
  return { ...renderSecurityHeaders(["'none'"]), 'cache-control': 'no-store' };
}

async function securityPlugin(app: FastifyInstance) {
  const staffHeaders = renderSecurityHeaders(["'none'"]);
  const publicFormHeaders = renderSecurityHeaders(app.config.publicFormOrigins.length ? ["'self'", ...app.config.publicFormOrigins] : ["'self'"]);

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isFrameable(request.url) ? publicFormHeaders : staffHeaders);
    done();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

export default fp(securityPlugin, { name: 'security' });
