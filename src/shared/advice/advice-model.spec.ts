import {
  ADVICE_CATEGORIES,
  CATEGORY_LABELS,
  CONDITION_CODES,
  CONDITION_LABELS,
  findModule,
  inlineMarkupIssues,
  isIsoDate,
  moduleTextParts,
  parseInline,
  shoutedWords,
  stripInline,
} from './advice-model';
import { DEFAULT_MODULES } from './default-modules';

describe('advice/advice-model', () => {
  describe('parseInline', () => {
    it('splits bold runs from plain text', () => {
      expect(parseInline('Do **not** take extra salt.')).toEqual([
        { text: 'Do ', strong: false },
        { text: 'not', strong: true },
        { text: ' take extra salt.', strong: false },
      ]);
    });

    it('handles bold at the start, at the end and more than once', () => {
      expect(parseInline('**a** b **c**')).toEqual([
        { text: 'a', strong: true },
        { text: ' b ', strong: false },
        { text: 'c', strong: true },
      ]);
    });

    it('keeps an unmatched marker as literal text instead of bolding the rest', () => {
      expect(parseInline('Hold **20 seconds.')).toEqual([{ text: 'Hold **20 seconds.', strong: false }]);
      expect(parseInline('**a** and ** b')).toEqual([
        { text: 'a', strong: true },
        { text: ' and ** b', strong: false },
      ]);
    });

    it('returns no segments for empty text and merges empty bold', () => {
      expect(parseInline('')).toEqual([]);
      expect(parseInline('a****b')).toEqual([{ text: 'ab', strong: false }]);
    });

    it('treats HTML as text: markup is only ever **', () => {
      expect(parseInline('<b>x</b> **<i>y</i>**')).toEqual([
        { text: '<b>x</b> ', strong: false },
        { text: '<i>y</i>', strong: true },
      ]);
    });
  });

  describe('stripInline', () => {
    it('removes paired markers only', () => {
      expect(stripInline('**Keep moving** gently.')).toBe('Keep moving gently.');
      expect(stripInline('2 ** 3')).toBe('2 ** 3');
    });
  });

  describe('inlineMarkupIssues', () => {
    it('accepts clean text and bold lower case', () => {
      expect(inlineMarkupIssues('Do **not** stop your medicine.')).toEqual([]);
      expect(inlineMarkupIssues('**Call 999 or go to A&E now**')).toEqual([]);
    });

    it('reports unpaired markers, empty bold and bold capitals (shouting)', () => {
      expect(inlineMarkupIssues('Hold **20 seconds.')).toContain('Bold markers (**) do not pair up.');
      expect(inlineMarkupIssues('a ** ** b')).toContain('A bold part is empty.');
      expect(inlineMarkupIssues('**DO NOT STOP**').join(' ')).toContain('lower case');
      expect(inlineMarkupIssues('Please STOP now.').join(' ')).toContain('"STOP"');
    });
  });

  describe('shoutedWords', () => {
    it('finds capitals used for emphasis but allows short initialisms', () => {
      expect(shoutedWords('Call NHS 111 or your GP, or go to A&E.')).toEqual([]);
      expect(shoutedWords('DO NOT stop your statin.')).toEqual(['DO NOT']);
      expect(shoutedWords('This is IMPORTANT.')).toEqual(['IMPORTANT']);
      expect(shoutedWords('**NEVER** stop.')).toEqual(['NEVER']);
    });
  });

  describe('moduleTextParts', () => {
    it('lists prose from paragraphs, steps, bullets and callouts, without markup or doses', () => {
      expect(
        moduleTextParts({
          blocks: [
            { kind: 'paragraph', text: '**One**.' },
            { kind: 'steps', items: ['Two', 'Three'] },
            { kind: 'dose', perSide: true, repetitions: 3 },
            { kind: 'bullets', items: ['Four'] },
            { kind: 'callout', tone: 'warning', text: 'Five.' },
          ],
        }),
      ).toEqual(['One.', 'Two', 'Three', 'Four', 'Five.']);
    });
  });

  describe('labels and helpers', () => {
    it('labels every category and condition', () => {
      for (const c of ADVICE_CATEGORIES) expect(CATEGORY_LABELS[c]).toBeTruthy();
      for (const c of CONDITION_CODES) expect(CONDITION_LABELS[c]).toBeTruthy();
    });

    it('finds a module by key', () => {
      expect(findModule(DEFAULT_MODULES, 'fluids')?.title).toBe('Drinking enough');
      expect(findModule(DEFAULT_MODULES, 'nope')).toBeUndefined();
    });

    it('accepts real ISO dates only', () => {
      expect(isIsoDate('2026-11-26')).toBeTrue();
      expect(isIsoDate('2024-02-29')).toBeTrue();
      expect(isIsoDate('2026-02-29')).toBeFalse();
      expect(isIsoDate('2026-13-01')).toBeFalse();
      expect(isIsoDate('26/11/2026')).toBeFalse();
      expect(isIsoDate('2026-11-26T00:00:00Z')).toBeFalse();
    });
  });
});
