import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Connection } from '../db/connect';

async function dbPlugin(app: FastifyInstance, options: { conn: Connection }) {
  app.decorate('conn', options.conn);
  app.decorate('db', options.conn.db);
  app.decorate('engine', options.conn.engine);
}

export default fp(dbPlugin, { name: 'db' });
