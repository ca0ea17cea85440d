/**
 * The real app (buildApp from src/server/app.ts) on an existing bench database, plus two bench-only
 * baseline routes registered on the same instance before listen, so product route and baseline
 * share the process, the connection and the event loop:
 *
 *   GET  /bench/raw-queue  the queue's SQL (compiled from the product's own query builder with the
 *                          same filter, order and page) run as prepared statements; rows as JSON
 *   POST /bench/insert     one INSERT of the JSON body into a bench table, one commit
 *
 * Nothing here is added to product code. Env: PORT, DATA_DIR, DATABASE_URL, LOG_LEVEL.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { connect } from '../../src/server/db/connect';
import { queueCountQuery, queueFilter, queueTotal, selectSummaries } from '../../src/server/db/repositories/requests';

async function main() {
  const config = loadConfig();
  const conn = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app: FastifyInstance = await buildApp({ config, conn, logger: false });

  // ---- the queue's SQL, compiled from the product's query builder (manager scope, default filters) ----
  const filter = queueFilter({}, { userId: 'bench', centreIds: undefined }, new Date().toISOString());
  const list = selectSummaries(conn.db)
    .where(filter).orderBy('requests.priority_rank').orderBy('requests.due_at').orderBy('requests.received_at')
    .orderBy('requests.id').limit(50).offset(0).compile();
  // The product's own capped count (listQueue), compiled.
  const count = queueCountQuery(conn.db, filter).compile();

  // Bench-only table for the bare insert baseline.
  await sql`CREATE TABLE IF NOT EXISTS bench_rows (id text primary key, body text not null, created_at text not null)`.execute(conn.db);

  if (conn.engine === 'sqlite') {
    const sqlite = conn.sqlite!;
    // better-sqlite3's own API, as it has been since the figure was set: the product reads rows its
    // own way (withRowBuilder in src/server/db/connect.ts), and its gain shows in the ratio.
    const listStmt = sqlite.prepare(list.sql);
    const countStmt = sqlite.prepare(count.sql);
    const insertStmt = sqlite.prepare('INSERT INTO bench_rows (id, body, created_at) VALUES (?, ?, ?)');
    app.get('/bench/raw-queue', async () => ({
      items: listStmt.all(...(list.parameters as unknown[])),
      ...queueTotal((countStmt.get(...(count.parameters as unknown[])) as { n: number }).n),
    }));
    app.post('/bench/insert', async (request, reply) => {
      insertStmt.run(crypto.randomUUID(), JSON.stringify(request.body), new Date().toISOString());
      return reply.status(201).send({ ok: true });
    });
  } else {
    const pool = conn.pool!;
    app.get('/bench/raw-queue', async () => {
      // One after the other, as listQueue runs them.
      const rows = await pool.query({ name: 'bench_list', text: list.sql, values: list.parameters as unknown[] });
      const n = await pool.query({ name: 'bench_count', text: count.sql, values: count.parameters as unknown[] });
      return { items: rows.rows, ...queueTotal(Number(n.rows[0].n)) };
    });
    app.post('/bench/insert', async (request, reply) => {
      await pool.query({ name: 'bench_insert', text: 'INSERT INTO bench_rows (id, body, created_at) VALUES ($1, $2, $3)', values: [crypto.randomUUID(), JSON.stringify(request.body), new Date().toISOString()] });
      return reply.status(201).send({ ok: true });
    });
  }
  app.get('/bench/sql', async () => ({ list: list.sql, count: count.sql }));

  const stop = async () => { await app.close(); await conn.db.destroy(); process.exit(0); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await app.listen({ port: config.port, host: '127.0.0.1' });
  console.log(`harness listening ${config.port} ${conn.engine}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
