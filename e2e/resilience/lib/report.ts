/** One row of the final table: a part on one engine. */
export interface PartResult {
  part: string;
  engine: string;
  cases: number;
  failures: number;
  /** The first few failures, each one line, for the log. */
  samples: string[];
  notes: string[];
  skipped?: string;
}

export class Tally {
  cases = 0;
  failures = 0;
  samples: string[] = [];
  notes: string[] = [];
  private seen = new Map<string, number>();
  constructor(readonly part: string, readonly engine: string) {}

  /** Counts one case; a false `ok` is a failure with its message (deduplicated by its first 120 chars). */
  check(ok: boolean, message: () => string): boolean {
    this.cases++;
    if (!ok) this.fail(message());
    return ok;
  }
  fail(message: string): void {
    this.failures++;
    const key = message.slice(0, 120);
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    if (n === 1 && this.samples.length < 40) this.samples.push(message.length > 600 ? message.slice(0, 600) + '…' : message);
  }
  note(message: string): void {
    this.notes.push(message);
  }
  result(): PartResult {
    return { part: this.part, engine: this.engine, cases: this.cases, failures: this.failures, samples: this.samples, notes: this.notes };
  }
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

export function log(message: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
