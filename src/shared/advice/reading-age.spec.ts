import { DEFAULT_MODULES } from './default-modules';
import {
  READING_AGE_TARGET,
  countSyllables,
  moduleReadability,
  moduleReadingAge,
  readability,
  readabilityOf,
  readingAge,
  sheetReadingAge,
  tokenSyllables,
} from './reading-age';

describe('advice/reading-age', () => {
  describe('countSyllables', () => {
    const cases: [string, number][] = [
      ['cat', 1],
      ['the', 1],
      ['water', 2],
      ['muscle', 2],
      ['muscles', 2],
      ['stretch', 1],
      ['stretches', 2],
      ['stretched', 1],
      ['rested', 2],
      ['needed', 2],
      ['lowered', 2],
      ['make', 1],
      ['whole', 1],
      ['table', 2],
      ['people', 2],
      ['knee', 1],
      ['coffee', 2],
      ['litre', 2],
      ['litres', 2],
      ['centre', 2],
      ['more', 1],
      ['there', 1],
      ['times', 1],
      ['toes', 1],
      ['glasses', 2],
      ['changes', 2],
      ['minutes', 2],
      ['being', 2],
      ['lying', 2],
      ['going', 2],
      ['serious', 3],
      ['period', 3],
      ['usually', 4],
      ['confusion', 3],
      ['medicine', 3],
      ['pregnancy', 3],
      ['carbohydrate', 4],
      ['dehydrating', 4],
      ['chiropractor', 4],
      ['fluid', 2],
      ['every', 2],
      ['maybe', 2],
      ['sciatica', 4],
    ];
    for (const [word, n] of cases) {
      it(`counts ${n} in "${word}"`, () => expect(countSyllables(word)).toBe(n));
    }

    it('ignores case and stray characters, and never returns less than 1 for a word', () => {
      expect(countSyllables('WATER')).toBe(2);
      expect(countSyllables('rhythm')).toBeGreaterThanOrEqual(1);
      expect(countSyllables('')).toBe(0);
    });
  });

  describe('tokenSyllables', () => {
    it('says numbers as words', () => {
      expect(tokenSyllables('2')).toBe(1);
      expect(tokenSyllables('7')).toBe(2);
      expect(tokenSyllables('20')).toBe(2);
      expect(tokenSyllables('30')).toBe(2);
      expect(tokenSyllables('120')).toBe(6); // one hundred and twenty
      expect(tokenSyllables('1.5')).toBe(3); // one point five
    });

    it('says emergency numbers digit by digit', () => {
      expect(tokenSyllables('999')).toBe(3);
      expect(tokenSyllables('111')).toBe(3);
    });

    it('spells out initialisms', () => {
      expect(tokenSyllables('NHS')).toBe(3);
      expect(tokenSyllables('GP')).toBe(2);
      expect(tokenSyllables('A&E')).toBe(3);
    });

    it('sums hyphenated words and handles contractions', () => {
      expect(tokenSyllables('pale-yellow')).toBe(3);
      expect(tokenSyllables("don't")).toBe(1);
      expect(tokenSyllables("can't")).toBe(1);
      expect(tokenSyllables("didn't")).toBe(2);
      expect(tokenSyllables('isn’t')).toBe(2);
    });
  });

  describe('readability', () => {
    it('scores a very simple sentence very low', () => {
      const r = readability('The cat sat on the mat.');
      expect(r.words).toBe(6);
      expect(r.sentences).toBe(1);
      expect(r.syllables).toBe(6);
      // 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45
      expect(r.grade).toBeCloseTo(-1.45, 0);
      expect(r.readingAge).toBe(5);
    });

    it('matches a hand-counted sentence', () => {
      // 11 words, 14 syllables: 0.39 × 11 + 11.8 × 14/11 − 15.59 = 3.72
      const r = readability('Stand facing a wall, about one big step away from it.');
      expect([r.words, r.sentences, r.syllables]).toEqual([11, 1, 14]);
      expect(r.grade).toBeCloseTo(3.7, 5);
      expect(r.readingAge).toBeCloseTo(8.7, 5);
    });

    it('scores a dense academic sentence far above the target', () => {
      const r = readability(
        'The epistemological ramifications of poststructuralist hermeneutics necessitate a comprehensive reconceptualisation of interdisciplinary methodological frameworks.',
      );
      expect(r.grade).toBeGreaterThan(18);
      expect(r.readingAge).toBeGreaterThan(READING_AGE_TARGET + 10);
    });

    it('places ordinary adult prose between the two', () => {
      const age = readingAge(
        'Muscle cramps are sudden, involuntary contractions of one or more muscles. They are common and usually harmless, although they can be extremely painful.',
      );
      expect(age).toBeGreaterThan(11);
      expect(age).toBeLessThan(20);
    });

    it('gives shorter sentences a lower age than the same words run together', () => {
      const long = readingAge('Stretch your calf before bed and drink enough water during the day and eat well if you exercise.');
      const short = readingAge('Stretch your calf before bed. Drink enough water during the day. Eat well if you exercise.');
      expect(short).toBeLessThan(long);
    });

    it('counts each list item as a sentence even without a full stop', () => {
      expect(readabilityOf(['water tablets (diuretics)', 'statins (for cholesterol)']).sentences).toBe(2);
    });

    it('does not split on decimal points', () => {
      expect(readability('Drink 1.5 litres today.').sentences).toBe(1);
    });

    it('reads bold markup as plain words', () => {
      expect(readability('**Keep moving** gently.')).toEqual(readability('Keep moving gently.'));
    });

    it('reports 0 for no text at all', () => {
      expect(readability('')).toEqual({ words: 0, sentences: 0, syllables: 0, grade: 0, readingAge: 0 });
      expect(readingAge('  ...  ')).toBe(0);
    });
  });

  describe('shipped modules', () => {
    for (const module of DEFAULT_MODULES) {
      it(`"${module.title}" has a reading age of ${READING_AGE_TARGET} or under`, () => {
        const r = moduleReadability(module);
        expect(r.words).toBeGreaterThan(20);
        expect(r.readingAge).withContext(JSON.stringify(r)).toBeLessThanOrEqual(READING_AGE_TARGET);
      });

      it(`"${module.title}" keeps sentences short (20 words or fewer on average)`, () => {
        const r = moduleReadability(module);
        expect(r.words / r.sentences).toBeLessThanOrEqual(20);
      });
    }

    it('a sheet with every shipped module is at 11 or under too', () => {
      expect(sheetReadingAge(DEFAULT_MODULES)).toBeLessThanOrEqual(READING_AGE_TARGET);
    });
  });

  describe('moduleReadingAge and sheetReadingAge', () => {
    const plain = {
      key: 'plain',
      blocks: [
        { kind: 'paragraph' as const, text: 'Walk a little every day.' },
        { kind: 'dose' as const, perSide: false, repetitions: 3, howOften: 'notwithstanding circumstantial considerations' },
      ],
    };

    it('reads paragraphs, steps, bullets and callouts but not the dose', () => {
      expect(moduleReadingAge(plain)).toBe(readingAge('Walk a little every day.'));
      const all = {
        blocks: [
          { kind: 'paragraph' as const, text: 'One.' },
          { kind: 'steps' as const, items: ['Two', 'Three'] },
          { kind: 'bullets' as const, items: ['Four'] },
          { kind: 'callout' as const, tone: 'info' as const, text: 'Five.' },
        ],
      };
      expect(moduleReadability(all).sentences).toBe(5);
    });

    it('includes the clinician notes for modules on the sheet, because the patient reads them', () => {
      const without = sheetReadingAge([plain]);
      const withNote = sheetReadingAge([plain], {
        plain: { note: 'Circumferential musculoskeletal hypersensitivity necessitates individualised consideration.' },
      });
      expect(withNote).toBeGreaterThan(without);
      // A note for a module that is not on the sheet is not counted.
      expect(sheetReadingAge([plain], { other: { note: 'Circumferential hypersensitivity.' } })).toBe(without);
    });

    it('scores the sheet as one text, not as an average of modules', () => {
      const a = { key: 'a', blocks: [{ kind: 'paragraph' as const, text: 'Sit. Stand. Walk. Rest. Sleep.' }] };
      const b = { key: 'b', blocks: [{ kind: 'paragraph' as const, text: 'Unexplained musculoskeletal discomfort necessitates evaluation.' }] };
      const whole = readabilityOf(['Sit. Stand. Walk. Rest. Sleep.', 'Unexplained musculoskeletal discomfort necessitates evaluation.']);
      expect(sheetReadingAge([a, b])).toBe(whole.readingAge);
    });
  });
});
