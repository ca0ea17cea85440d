import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as advice from './index';

// Specs run from the repository root (npm run test:server).
const DIR = join(process.cwd(), 'src', 'shared', 'advice');

describe('advice/index (barrel)', () => {
  it('exports the model, content, drawings, reading age and drafting', () => {
    for (const name of [
      'ADVICE_CATEGORIES', 'CONDITION_CODES', 'parseInline', 'stripInline', 'inlineMarkupIssues',
      'DEFAULT_MODULES', 'defaultModules', 'MODULE_KEYS',
      'DRAWINGS', 'drawingDataUri',
      'readingAge', 'moduleReadingAge', 'sheetReadingAge', 'READING_AGE_TARGET',
      'draftSheet', 'examConditions', 'personalise', 'doseLines', 'renderSheetText',
    ]) {
      expect(name in advice).withContext(name).toBeTrue();
    }
  });

  it('does not export the TypeBox schemas', () => {
    expect(Object.keys(advice).filter((k) => k.endsWith('Schema') || k.startsWith('validate'))).toEqual([]);
  });

  it('keeps TypeBox and framework imports out of every file the UI can reach', () => {
    const browserFiles = readdirSync(DIR).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'advice.schema.ts',
    );
    expect(browserFiles.length).toBe(6);
    for (const f of browserFiles) {
      const source = readFileSync(join(DIR, f), 'utf8');
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
      for (const spec of imports) {
        // Own files, and the exam model and rules (themselves browser-safe, never the schema).
        const ok = spec.startsWith('./') || spec === '../exam/exam-model' || spec === '../exam/screen-alerts';
        expect(ok).withContext(`${f} imports ${spec}`).toBeTrue();
      }
      // No DOM or Node APIs: the rules must run the same on the server and in the browser.
      expect(source).not.toMatch(/\b(?:document|window|Buffer|require|process)\s*[.(]/);
    }
  });
});
