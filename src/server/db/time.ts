import { randomUUID } from 'node:crypto';

/** The stored form of every timestamp: ISO-8601 in UTC, sortable as text on both engines. */
export function nowIso(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}

export function newId(): string {
  return randomUUID();
}
