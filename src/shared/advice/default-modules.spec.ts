import {
  ADVICE_CATEGORIES,
  CONDITION_CODES,
  MODULE_KEY_PATTERN,
  isIsoDate,
  moduleTextParts,
  shoutedWords,
  inlineMarkupIssues,
  type AdviceBlock,
  type AdviceModule,
} from './advice-model';
import { DEFAULT_MODULES, MODULE_KEYS, defaultModules } from './default-modules';

function moduleOf(key: string): AdviceModule {
  const m = DEFAULT_MODULES.find((x) => x.key === key);
  if (m === undefined) throw new Error(`no shipped module ${key}`);
  return m;
}

/** All the patient-facing text of a module as one lower-case string. */
function textOf(key: string): string {
  return moduleTextParts(moduleOf(key)).join(' \n ').toLowerCase();
}

function allTexts(block: AdviceBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
    case 'callout':
      return [block.text];
    case 'steps':
    case 'bullets':
      return block.items;
    case 'dose':
      return [block.howOften ?? '', block.whenInDay ?? ''];
  }
}

function doseOf(key: string): Extract<AdviceBlock, { kind: 'dose' }> | undefined {
  return moduleOf(key).blocks.find((b): b is Extract<AdviceBlock, { kind: 'dose' }> => b.kind === 'dose');
}

describe('advice/default-modules', () => {
  it('ships every module the product promises, once each, with stable slugs', () => {
    const keys = DEFAULT_MODULES.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.values(MODULE_KEYS).sort());
    for (const k of keys) expect(MODULE_KEY_PATTERN.test(k)).withContext(k).toBeTrue();
  });

  it('covers every category', () => {
    const categories = new Set(DEFAULT_MODULES.map((m) => m.category));
    for (const c of ADVICE_CATEGORIES) expect(categories.has(c)).withContext(c).toBeTrue();
  });

  for (const m of DEFAULT_MODULES) {
    describe(m.key, () => {
      it('names its source, reviewer and a real review date', () => {
        expect(m.source.length).toBeGreaterThan(20);
        expect(m.reviewer).toBe('Clinic Desk clinical team');
        expect(isIsoDate(m.reviewDate)).toBeTrue();
      });

      it('uses known condition codes only, none both applying and leaving out', () => {
        for (const c of [...m.conditions.appliesWhen, ...m.conditions.leaveOutWhen]) {
          expect((CONDITION_CODES as readonly string[]).includes(c)).withContext(c).toBeTrue();
        }
        expect(m.conditions.appliesWhen.length).toBeGreaterThan(0);
        expect(m.conditions.appliesWhen.filter((c) => m.conditions.leaveOutWhen.includes(c))).toEqual([]);
      });

      it('has clean markup: paired bold markers, no capitals for shouting', () => {
        for (const block of m.blocks) {
          for (const t of allTexts(block)) {
            expect(inlineMarkupIssues(t)).withContext(t).toEqual([]);
            expect(shoutedWords(t)).withContext(t).toEqual([]);
          }
        }
      });

      it('never promises a cure or advises drinking "as much as possible"', () => {
        const text = moduleTextParts(m).join(' ').toLowerCase();
        for (const banned of ['as much as possible', 'will stop', 'will cure', 'cures', 'guarantee', 'plenty of water']) {
          expect(text).withContext(banned).not.toContain(banned);
        }
      });

      it('writes plain words, with no unexplained jargon', () => {
        const text = moduleTextParts(m).join(' ').toLowerCase();
        for (const jargon of [/\be\.g\./, /\bi\.e\./, /\betc\b/, /bilateral/, /contraindicated/, /gastrocnemius/, /dorsiflex/, /plantarflex/]) {
          expect(text).withContext(String(jargon)).not.toMatch(jargon);
        }
      });
    });
  }

  describe('the stretches', () => {
    it('calf stretch at a wall: heel down, lean in, hold 20–30 seconds, 3 times each leg', () => {
      const text = textOf(MODULE_KEYS.calfStretchWall);
      expect(text).toContain('wall');
      expect(text).toContain('heel flat on the floor');
      expect(text).toContain('lean in');
      expect(text).toContain('may help');
      expect(doseOf(MODULE_KEYS.calfStretchWall)).toEqual(
        jasmine.objectContaining({ holdSeconds: [20, 30], repetitions: 3, perSide: true }),
      );
    });

    it('heel drop: balls of the feet on a step, lower the heels slowly, the same dose, holding on', () => {
      const text = textOf(MODULE_KEYS.heelDropStep);
      expect(text).toContain('ball of the foot');
      expect(text).toContain('slowly lower your heels');
      expect(text).toContain('hold the handrail');
      expect(doseOf(MODULE_KEYS.heelDropStep)).toEqual(jasmine.objectContaining({ holdSeconds: [20, 30], repetitions: 3 }));
    });

    it('before bed: stretch before bed, and why a shortened calf cramps', () => {
      const m = moduleOf(MODULE_KEYS.beforeBed);
      const first = m.blocks[0];
      expect(first?.kind === 'paragraph' ? first.text.toLowerCase() : '').toContain('stretch your calves just before you go to bed');
      const text = textOf(MODULE_KEYS.beforeBed);
      expect(text).toContain('foot points down');
      expect(text).toContain('shorter');
      expect(text).toContain('may help');
    });

    it('strengthening the buttock muscles: the bridge with a dose and a progression', () => {
      const text = textOf(MODULE_KEYS.buttockStrengthening);
      expect(text).toContain('buttock muscles (glutes)');
      expect(text).toContain('hamstrings');
      expect(text).toContain('lift your hips');
      expect(text).toContain('stage 2');
      expect(text).toContain('stage 4');
      expect(doseOf(MODULE_KEYS.buttockStrengthening)).toEqual(jasmine.objectContaining({ repetitions: 10 }));
      expect(moduleOf(MODULE_KEYS.buttockStrengthening).illustration).toBe('bridge');
    });
  });

  describe('fluids', () => {
    const text = (): string => textOf(MODULE_KEYS.fluids);

    it('gives the exact target and the check: about 2 litres, 6 to 8 glasses, pale-yellow pee', () => {
      expect(text()).toContain('about 2 litres');
      expect(text()).toContain('6 to 8 glasses');
      expect(text()).toContain('most of your drinks water');
      expect(text()).toContain('pale yellow');
      expect(text()).toContain('more when it is hot, when you exercise');
    });

    it('counts tea and coffee and never calls them dehydrating', () => {
      expect(text()).toContain('tea, coffee');
      expect(text()).toContain('count');
      for (const wrong of ['dehydrat', 'diuretic', 'do not count', "don't count", 'make you lose water']) {
        expect(text()).withContext(wrong).not.toContain(wrong);
      }
    });

    it('warns against drinking far more than needed', () => {
      expect(text()).toContain('too much water can be harmful');
    });

    it('the replacement defers to the doctor and stands in for the fluid module', () => {
      const m = moduleOf(MODULE_KEYS.fluidsDoctorAdvice);
      expect(m.title).toBe("Follow your doctor's fluid advice");
      expect(m.replaces).toBe(MODULE_KEYS.fluids);
      const t = textOf(MODULE_KEYS.fluidsDoctorAdvice);
      expect(t).toContain('keep to that amount');
      expect(t).not.toContain('2 litres');
      expect(t).not.toContain('glasses');
    });
  });

  describe('food', () => {
    it('carbohydrate and exercise: starchy food (carbohydrate), energy store (glycogen)', () => {
      const t = textOf(MODULE_KEYS.carbohydrateExercise);
      expect(t).toContain('starchy food (carbohydrate)');
      expect(t).toContain('(glycogen)');
      expect(t).toContain('tired muscles cramp more');
    });

    it('salt: no extra salt unless a doctor has found you need it, first', () => {
      const first = moduleOf(MODULE_KEYS.salt).blocks[0];
      expect(first?.kind === 'paragraph' ? first.text : '').toBe('**Do not take extra salt** unless a doctor has found that you need it.');
    });
  });

  describe('medicines and your GP', () => {
    it('puts the same-day statin advice first', () => {
      const first = moduleOf(MODULE_KEYS.medicinesGp).blocks[0];
      expect(first?.kind).toBe('callout');
      const t = first?.kind === 'callout' ? first.text.toLowerCase() : '';
      expect(t).toContain('statin');
      expect(t).toContain('nhs 111 today');
      expect(t).toContain('yellow');
      expect(t).toContain('dark');
    });

    it('says never to stop a prescribed medicine on your own, and speak to the GP', () => {
      const t = textOf(MODULE_KEYS.medicinesGp);
      expect(t).toContain('never stop a medicine your doctor gave you on your own');
      expect(t).toContain('speak to your gp');
    });

    it('names the medicines linked with cramp in plain words first', () => {
      const t = textOf(MODULE_KEYS.medicinesGp);
      for (const name of ['water tablets (diuretics)', 'statins', 'nicotinic acid', 'raloxifene', 'nifedipine', 'salbutamol', 'teriparatide']) {
        expect(t).withContext(name).toContain(name);
      }
    });
  });

  describe('cramp in pregnancy', () => {
    it('says late-pregnancy cramps usually pass after the birth and gentle calf stretches are fine', () => {
      const t = textOf(MODULE_KEYS.crampPregnancy);
      expect(t).toContain('last 3 months');
      expect(t).toContain('usually stop after your baby is born');
      expect(t).toContain('gentle calf stretches are fine');
    });

    it('tells her when to call the midwife straight away', () => {
      expect(textOf(MODULE_KEYS.crampPregnancy)).toContain('call your midwife, gp or nhs 111 straight away');
    });
  });

  describe('looking after your spine', () => {
    it('is individual advice: gentle movement, avoid twisting or bending stretches of the spine, and why', () => {
      const m = moduleOf(MODULE_KEYS.spineCare);
      expect(m.conditions.appliesWhen).toEqual(jasmine.arrayWithExactContents(['facet-joint', 'disc-irritation', 'paraspinal-spasm']));
      const t = textOf(MODULE_KEYS.spineCare);
      expect(t).toContain('keep moving gently');
      expect(t).toContain('twist or bend your spine');
      expect(t).toContain('stiff joint hardly moves');
    });

    it('has no placeholders: the clinician adds a personal note instead', () => {
      const t = textOf(MODULE_KEYS.spineCare);
      for (const p of ['[', ']', '{', '}', 'xxx', 'tbc', 'insert', 'placeholder', '...']) expect(t).withContext(p).not.toContain(p);
    });
  });

  describe('when to get help', () => {
    const blocks = (): AdviceBlock[] => moduleOf(MODULE_KEYS.whenToGetHelp).blocks;
    const listAfter = (heading: string): string => {
      const b = blocks();
      const i = b.findIndex((x) => x.kind === 'callout' && x.text.toLowerCase().includes(heading));
      const list = b[i + 1];
      return list?.kind === 'bullets' ? list.items.join('\n').toLowerCase() : '';
    };

    it('is split into "call 999 or go to A&E now" then "call NHS 111 or your GP today"', () => {
      const headings = blocks()
        .filter((b) => b.kind === 'callout')
        .map((b) => (b.kind === 'callout' ? b.text : ''));
      expect(headings).toEqual([
        '**Call 999 or go to A&E now** if you have any of these:',
        '**Call NHS 111 or your GP today** if you have any of these:',
      ]);
    });

    it('lists the emergency red flags in patients’ words', () => {
      const emergency = listAfter('999');
      for (const flag of [
        'genitals, bottom or inner thighs',
        'toilet paper',
        'pee',
        'poo',
        'both legs',
        'erection',
        'fall or accident',
        'chest pain',
        'stroke',
        'stiff neck',
        'rash that does not fade',
        'confused',
        'short of breath',
        'collapse',
        'cough up blood',
        'lockjaw',
      ]) {
        expect(emergency).withContext(flag).toContain(flag);
      }
    });

    it('lists the same-day red flags in patients’ words', () => {
      const urgent = listAfter('111');
      for (const flag of [
        'one calf or thigh is swollen',
        'more than 10 minutes',
        'lead or mercury',
        'statin',
        'yellow skin or eyes',
        'high temperature',
        'weight loss',
        'new lump',
        'worse at night',
        'between your shoulder blades',
        'cancer',
        'immune system',
        'steroids',
        'weak bones (osteoporosis)',
        'tingling, numbness or weakness',
        'clumsy hands',
        'unsteady',
        'double vision',
        'dizzy',
        'fainting',
        'speech',
        'swallowing',
      ]) {
        expect(urgent).withContext(flag).toContain(flag);
      }
    });

    it('ends with the routine GP advice', () => {
      const last = blocks()[blocks().length - 1];
      expect(last?.kind === 'paragraph' ? last.text : '').toContain('not urgent');
    });
  });

  it('defaultModules() returns copies a clinic can change without touching the shipped text', () => {
    const copy = defaultModules();
    const first = copy[0];
    if (first === undefined) throw new Error('no modules');
    first.title = 'Changed';
    expect(DEFAULT_MODULES[0]?.title).not.toBe('Changed');
    expect(copy.length).toBe(DEFAULT_MODULES.length);
  });
});
