import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

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
 * Headers for the few responses Fastify writes before any hook has run (a path it cannot decode,
 * an over-long path parameter), so helmet never saw them. The CSP is rendered by helmet itself
 * from the same directives, so the two cannot drift apart.
 */
export function baselineSecurityHeaders(): Record<string, string> {
  let csp = '';
  const captureHeader = { setHeader: (_name: string, value: string) => void (csp = value) } as unknown as ServerResponse;
  helmet.contentSecurityPolicy({ useDefaults: false, directives: CSP_DIRECTIVES })({} as IncomingMessage, captureHeader, () => undefined);
  return {
    'content-security-policy': csp,
    'strict-transport-security': `max-age=${HSTS_MAX_AGE}; includeSubDomains`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': REFERRER_POLICY,
    'cache-control': 'no-store',
  };
}

async function securityPlugin(app: FastifyInstance) {
  const frameAncestors = app.config.publicFormOrigins.length ? ["'self'", ...app.config.publicFormOrigins] : ["'self'"];
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE, includeSubDomains: true },
    referrerPolicy: { policy: REFERRER_POLICY },
    crossOriginEmbedderPolicy: false,
    // The public forms may be framed by the clinic's site; X-Frame-Options cannot express that, CSP can.
    frameguard: false,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string' && isFrameable(request.url)) {
      reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", `frame-ancestors ${frameAncestors.join(' ')}`));
    }
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

export default fp(securityPlugin, { name: 'security' });
