import path from 'node:path';

/** Everything the server reads from the environment, parsed once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL switches storage from the embedded SQLite file to PostgreSQL. */
  databaseUrl: string | null;
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  trustProxy: boolean;
  publicFormOrigins: string[];
  thankYouUrl: string;
  staticDir: string;
  demo: boolean;
  logLevel: string;
  version: string;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const databaseUrl = env['DATABASE_URL'] && /^postgres(ql)?:\/\//.test(env['DATABASE_URL']) ? env['DATABASE_URL'] : null;
  return {
    port: positiveNumber('PORT', env['PORT'], 8080),
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: path.resolve(env['DATA_DIR'] ?? './data'),
    databaseUrl,
    idleTimeoutMinutes: positiveNumber('SESSION_IDLE_MINUTES', env['SESSION_IDLE_MINUTES'], 30),
    absoluteTimeoutHours: positiveNumber('SESSION_ABSOLUTE_HOURS', env['SESSION_ABSOLUTE_HOURS'], 12),
    trustProxy: env['TRUST_PROXY'] === 'true' || env['TRUST_PROXY'] === '1',
    publicFormOrigins: (env['PUBLIC_FORM_ORIGINS'] ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    thankYouUrl: env['PUBLIC_FORM_THANK_YOU_URL'] ?? '/request-received',
    staticDir: path.resolve(env['STATIC_DIR'] ?? './dist/clinic-desk/browser'),
    demo: argv.includes('--demo') || env['DEMO'] === 'true',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    version: env['npm_package_version'] ?? '0.1.0',
  };
}
