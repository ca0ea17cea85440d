import { type Kysely, sql } from 'kysely';

/*
 * The queue shows open requests in priority order. With a partial index over open requests in
 * exactly that order, a page of 50 reads 50 index entries instead of sorting every open request
 * (measured by e2e/perf: 580 ms → 2.5 ms at 100,000 requests). Both engines support partial indexes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('requests_open_queue_idx').on('requests')
    .columns(['quarantined', 'priority_rank', 'due_at', 'received_at', 'id'])
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requests_open_queue_idx').execute();
}
