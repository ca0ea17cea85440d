/** One row of the final table: a part on one engine. */
export interface PartResult {
  part: string;
  engine: string;
  cases: number;
  failures: number;
  /** The first few failures, each one line, for the log. */
  samples: string[];
  notes: string[];
  /** The issue's number for this part and how far the run got, e.g. 100 of 100 kill -9 cycles. */
  required?: Requirement;
  skipped?: string;
}

export interface Requirement {
  reached: number;
  asked: number;
  unit: string;
}

export class Tally {
  cases = 0;
  failures = 0;
  samples: string[] = [];
  notes: string[] = [];
  required?: Requirement;
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
  /**
   * The part's count from the issue (cases, rounds, cycles). Falling short is a failure, not a note:
   * a run that stopped at its time budget has not shown what the issue asks.
   */
  require(reached: number, asked: number, unit: string, why = ''): void {
    this.required = { reached, asked, unit };
    if (reached < asked) this.fail(`only ${reached} of the ${asked} ${unit} required${why ? `: ${why}` : ''}`);
  }
  /** Adds another process's tally for the same part (the fuzzing workers). */
  absorb(other: PartResult): void {
    this.cases += other.cases;
    this.failures += other.failures - other.samples.length;
    for (const s of other.samples) this.fail(s);
    this.notes.push(...other.notes);
  }
  note(message: string): void {
    this.notes.push(message);
  }
  result(): PartResult {
    return { part: this.part, engine: this.engine, cases: this.cases, failures: this.failures, samples: this.samples, notes: this.notes, required: this.required };
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
