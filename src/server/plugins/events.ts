import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';

/** A change other screens should show at once. Carries ids, never patient data. */
export interface LiveEvent {
  type: string;
  id?: string;
  centreId?: string | null;
  version?: number;
  at: string;
}

const CHANNEL = 'clinic_desk_events';

/**
 * Fans live events out to every open event stream. With PostgreSQL the fan-out goes through
 * LISTEN/NOTIFY, so a change made on one API instance reaches screens connected to another.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private listener: pg.PoolClient | null = null;

  constructor(private readonly pool?: pg.Pool) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (!this.pool) return;
    this.listener = await this.pool.connect();
    this.listener.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        this.emitter.emit('event', JSON.parse(message.payload) as LiveEvent);
      } catch {
        // A malformed payload came from outside the application; ignore it.
      }
    });
    await this.listener.query(`LISTEN ${CHANNEL}`);
  }

  async stop(): Promise<void> {
    if (this.listener) {
      this.listener.release(true);
      this.listener = null;
    }
  }

  /** Call after the change has committed. */
  async publish(event: Omit<LiveEvent, 'at'>): Promise<void> {
    const full: LiveEvent = { ...event, at: new Date().toISOString() };
    if (this.pool) {
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(full)]);
    } else {
      this.emitter.emit('event', full);
    }
  }

  subscribe(handler: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }
}

async function eventsPlugin(app: FastifyInstance) {
  const bus = new EventBus(app.conn.pool);
  await bus.start();
  app.decorate('events', bus);
  app.addHook('onClose', async () => bus.stop());
}

export default fp(eventsPlugin, { name: 'events', dependencies: ['db'] });
