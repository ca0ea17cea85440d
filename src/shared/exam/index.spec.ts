import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as exam from './index';

// Specs run from the repository root (npm run test:server).
const DIR = join(process.cwd(), 'src', 'shared', 'exam');

describe('exam barrel (index.ts)', () => {
  it('exports the rules and constants the UI needs', () => {
    for (const name of [
      'emptyExam', 'emptyFinding', 'LABELS', 'screenAlerts', 'scoreOutcomes', 'compareOutcome',
      'MEANINGFUL_CHANGE', 'isValidNhsNumber', 'normaliseNhsNumber', 'compareFindings', 'examSignIssues',
    ]) {
      expect(name in exam).withContext(name).toBeTrue();
    }
  });

  it('does not export the TypeBox schemas', () => {
    expect(Object.keys(exam).filter((k) => k.endsWith('Schema'))).toEqual([]);
  });

  it('keeps TypeBox and framework imports out of every file the UI can reach', () => {
    const browserFiles = readdirSync(DIR).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'exam.schema.ts',
    );
    expect(browserFiles.length).toBeGreaterThan(5);
    for (const f of browserFiles) {
      const source = readFileSync(join(DIR, f), 'utf8');
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec?.startsWith('./')).withContext(`${f} imports ${spec}`).toBeTrue();
    }
  });
});
