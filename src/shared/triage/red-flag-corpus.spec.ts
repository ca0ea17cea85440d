import { RED_FLAG_CORPUS, type CorpusMessage } from './red-flag-corpus';
import { redFlagCategories, screenMessage, type ScreeningResult, type TriagePriority } from './red-flags';

const RANK: Readonly<Record<TriagePriority, number>> = { routine: 0, urgent: 1, emergency: 2 };
const MAX_ROUTINE_FALSE_ALARM_RATE = 0.1;

interface Screened {
  message: CorpusMessage;
  result: ScreeningResult;
}

function describeMiss({ message, result }: Screened): string {
  const found = result.redFlags.map((flag) => `${flag.category}[${flag.phrase}]`).join(', ') || 'nothing';
  return `expected ${message.expected}, got ${result.priority} (${found}): "${message.text}"`;
}

describe('red-flag corpus', () => {
  let screened: Screened[];

  beforeAll(() => {
    screened = RED_FLAG_CORPUS.map((message) => ({ message, result: screenMessage(message.text) }));
  });

  const withExpected = (priority: TriagePriority): Screened[] =>
    screened.filter((entry) => entry.message.expected === priority);

  it('is large and varied enough to mean something', () => {
    expect(RED_FLAG_CORPUS.length).toBeGreaterThanOrEqual(160);
    expect(withExpected('emergency').length).toBeGreaterThanOrEqual(40);
    expect(withExpected('urgent').length).toBeGreaterThanOrEqual(40);
    expect(withExpected('routine').length).toBeGreaterThanOrEqual(40);
    expect(RED_FLAG_CORPUS.filter((message) => message.negated).length).toBeGreaterThanOrEqual(30);
    expect(RED_FLAG_CORPUS.filter((message) => message.negated && message.expected !== 'routine')).toEqual([]);
    expect(new Set(RED_FLAG_CORPUS.map((message) => message.text)).size).toBe(RED_FLAG_CORPUS.length);
  });

  it('exercises every red-flag category several times', () => {
    const hits = new Map<string, number>();
    for (const { result } of screened) {
      for (const category of new Set(result.redFlags.map((flag) => flag.category))) {
        hits.set(category, (hits.get(category) ?? 0) + 1);
      }
    }
    for (const { category } of redFlagCategories()) {
      expect(hits.get(category) ?? 0).withContext(category).toBeGreaterThanOrEqual(2);
    }
  });

  it('finds every emergency as an emergency (100% recall)', () => {
    const misses = withExpected('emergency').filter((entry) => entry.result.priority !== 'emergency');
    expect(misses.map(describeMiss)).toEqual([]);
  });

  it('finds every urgent request as at least urgent (100% recall)', () => {
    const misses = withExpected('urgent').filter((entry) => RANK[entry.result.priority] < RANK.urgent);
    expect(misses.map(describeMiss)).toEqual([]);
  });

  it('names the expected categories where the corpus gives them', () => {
    const misses = screened.filter(({ message, result }) => {
      const found = new Set(result.redFlags.map((flag) => flag.category));
      return (message.categories ?? []).some((category) => !found.has(category));
    });
    expect(misses.map(describeMiss)).toEqual([]);
  });

  it('keeps every denial routine', () => {
    const misses = screened.filter((entry) => entry.message.negated && entry.result.priority !== 'routine');
    expect(misses.map(describeMiss)).toEqual([]);
  });

  it(`keeps routine false alarms under ${MAX_ROUTINE_FALSE_ALARM_RATE * 100}%`, () => {
    const routine = withExpected('routine');
    const falseAlarms = routine.filter((entry) => entry.result.priority !== 'routine');
    const rate = falseAlarms.length / routine.length;
    // Reported on every run so a change to the tables shows its cost in false alarms.
    console.log(
      `[red-flag corpus] ${RED_FLAG_CORPUS.length} messages; routine false alarms ${falseAlarms.length}/${routine.length} ` +
        `(${(rate * 100).toFixed(1)}%, routine precision ${((1 - rate) * 100).toFixed(1)}%)`,
    );
    expect(rate).withContext(falseAlarms.map(describeMiss).join('\n')).toBeLessThan(MAX_ROUTINE_FALSE_ALARM_RATE);
  });

  it('highlights text that is really in each message', () => {
    for (const { message, result } of screened) {
      for (const flag of result.redFlags) {
        expect(message.text.slice(flag.start, flag.end)).withContext(message.text).toBe(flag.phrase);
      }
    }
  });
});
