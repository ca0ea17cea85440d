import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HealthSchema } from '../../shared/api/foundation';
import { canSeeCentre, currentUser } from '../plugins/auth';

const HEARTBEAT_MS = 20_000;

export default async function systemRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Open event streams, ended when the server closes so shutdown does not wait on them.
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of openStreams) end();
  });

  app.get('/api/health', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['system'], summary: 'Liveness and which database is in use', response: { 200: HealthSchema } },
  }, async () => {
    await app.db.selectFrom('audit_head').select('seq').executeTakeFirst();
    return { status: 'ok' as const, db: app.engine, version: app.config.version };
  });

  app.get('/api/docs/json', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['system'], summary: 'This OpenAPI description', response: { 200: Type.Object({}, { additionalProperties: true }) } },
  }, async () => app.swagger());

  app.get('/api/events', {
    config: { access: { kind: 'staff', roles: ['receptionist', 'chiropractor', 'manager'], centreScoped: true }, passive: true },
    schema: { tags: ['system'], summary: 'Server-sent events: changes to show live (ids only, no patient data)' },
  }, async (request, reply) => {
    const user = currentUser(request);
    // The stream outlives the handler, so Fastify hands the socket over; headers are written by hand.
    reply.hijack();
    const headers: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    };
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (typeof value === 'string' && !(name in headers)) headers[name] = value;
    }
    reply.raw.writeHead(200, headers);
    reply.raw.write(`retry: 2000\nevent: hello\ndata: {}\n\n`);
    const unsubscribe = app.events.subscribe((event) => {
      if (event.centreId && !canSeeCentre(user, event.centreId)) return;
      reply.raw.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => reply.raw.write(`: keep-alive\n\n`), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(end);
      reply.raw.end();
    };
    openStreams.add(end);
    request.raw.on('close', end);
  });
}
