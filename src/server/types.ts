import type { Role } from '../shared/roles';
import type { Config } from './config';
import type { Connection } from './db/connect';
import type { Db, Engine, SessionRow } from './db/database';
import type { EventBus } from './plugins/events';

/**
 * Who may call a route. Every /api route declares one; a route without it fails at start-up,
 * and the permission-table test compares each against src/server/permission-table.ts.
 */
export type RouteAccess =
  | { kind: 'public' }
  /** Password accepted, second factor pending. */
  | { kind: 'totp-pending' }
  | {
      kind: 'staff';
      roles: readonly Role[];
      /** Limited to the user's own centres (managers see every centre). */
      centreScoped: boolean;
      /** Still callable while the user must change their password or enrol two-factor. */
      allowRestricted?: boolean;
    };

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  centreIds: string[];
  /** Must change password or enrol two-factor before doing anything else. */
  restricted: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    conn: Connection;
    db: Db;
    engine: Engine;
    events: EventBus;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    session: SessionRow | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** A request to this route does not count as user activity for the idle timeout. */
    passive?: boolean;
  }
}
