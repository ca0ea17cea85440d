import {
  CONDITION_CODES,
  type AdviceModule,
  type ConditionCode,
  type DoseBlock,
  type PersonalDetailsByModule,
} from './advice-model';
import { DEFAULT_MODULES, MODULE_KEYS, defaultModules } from './default-modules';
import {
  PERSONAL_NOTE_LABEL,
  doseLines,
  draftSheet,
  examConditions,
  formatHold,
  moduleTextLines,
  personalDose,
  personalIssues,
  personalise,
  renderSheetText,
  type DraftedSheet,
} from './drafting';
import { sheetReadingAge } from './reading-age';
import {
  FINDING_TYPES,
  emptyExam,
  emptyFinding,
  type ExamContent,
  type Finding,
  type FindingType,
} from '../exam/exam-model';
import { exampleExam } from '../exam/exam-example';

const K = MODULE_KEYS;

function exam(change: (e: ExamContent) => void = () => undefined): ExamContent {
  const e = emptyExam();
  change(e);
  return e;
}

function finding<T extends FindingType>(
  type: T,
  where: Partial<Pick<Finding, 'region' | 'segment' | 'nerveRoot' | 'side'>> = {},
): Extract<Finding, { type: T }> {
  return { ...emptyFinding(type, `f-${type}`), ...where };
}

function gluteBridge(weakMuscle = 'Gluteus maximus'): Finding {
  const f = finding('muscle-imbalance', { region: 'lower-limb', side: 'left' });
  f.imbalance = {
    ...f.imbalance,
    testUsed: 'bridge',
    testResult: { result: 'positive', angleDeg: null },
    weakMuscle,
    overactiveMuscle: 'Hamstrings',
    relation: 'agonist',
    crampedMuscle: 'Hamstrings',
  };
  return f;
}

const nightCalf = (e: ExamContent): void => {
  e.crampProfile.sites = [{ site: 'calf', side: 'left' }];
  e.crampProfile.timing = ['night-in-bed'];
};

const keys = (d: DraftedSheet): string[] => d.items.map((i) => i.moduleKey);
const leftOutKeys = (d: DraftedSheet): string[] => d.leftOut.map((i) => i.moduleKey);
function reason(d: DraftedSheet, key: string): string {
  return d.items.find((i) => i.moduleKey === key)?.reason ?? `(${key} not on the sheet)`;
}
function outReason(d: DraftedSheet, key: string): string {
  return d.leftOut.find((i) => i.moduleKey === key)?.reason ?? `(${key} not left out)`;
}
function codes(e: ExamContent): ConditionCode[] {
  return examConditions(e).map((f) => f.code);
}

function shipped(key: string): AdviceModule {
  const m = DEFAULT_MODULES.find((x) => x.key === key);
  if (m === undefined) throw new Error(key);
  return m;
}

describe('advice/drafting', () => {
  describe('draftSheet: always', () => {
    it('a blank exam gets only "when to get help", and a note to add modules by hand', () => {
      const d = draftSheet(emptyExam());
      expect(keys(d)).toEqual([K.whenToGetHelp]);
      expect(reason(d, K.whenToGetHelp)).toBe('Every sheet ends with when to get help');
      expect(d.leftOut).toEqual([]);
      expect(d.notes.join(' ')).toContain('add modules by hand');
    });

    it('always ends with "when to get help"', () => {
      for (const e of [exampleExam(), exam(nightCalf), exam((x) => (x.findings = [gluteBridge()]))]) {
        expect(keys(draftSheet(e)).at(-1)).toBe(K.whenToGetHelp);
      }
    });

    it('puts "when to get help" back from the shipped defaults if the library lost it', () => {
      const library = defaultModules().filter((m) => m.key !== K.whenToGetHelp);
      expect(keys(draftSheet(exam(nightCalf), { library })).at(-1)).toBe(K.whenToGetHelp);
      expect(keys(draftSheet(exam(), { library: [] }))).toEqual([K.whenToGetHelp]);
    });

    it('never leaves "when to get help" out, whatever the library says', () => {
      const library = defaultModules();
      const help = library.find((m) => m.key === K.whenToGetHelp);
      if (help === undefined) throw new Error('no help');
      help.conditions = { appliesWhen: [], leaveOutWhen: ['pregnant'] };
      const d = draftSheet(exam((e) => (e.screen.pregnant = 'yes')), { library });
      expect(keys(d).at(-1)).toBe(K.whenToGetHelp);
      expect(leftOutKeys(d)).not.toContain(K.whenToGetHelp);
    });

    it('is pure: the exam is not changed and the same exam gives the same sheet', () => {
      const e = exampleExam();
      const before = structuredClone(e);
      const first = draftSheet(e);
      expect(e).toEqual(before);
      expect(draftSheet(e)).toEqual(first);
    });

    it('lists each module once, never both on and off the sheet, each with a reason', () => {
      const e = exampleExam();
      e.screen = { ...e.screen, pregnant: 'yes', trimester: 3, fluidRestriction: 'yes', statinNewMuscleSymptoms: 'yes' };
      const d = draftSheet(e);
      const all = [...keys(d), ...leftOutKeys(d)];
      expect(new Set(all).size).toBe(all.length);
      for (const i of [...d.items, ...d.leftOut]) expect(i.reason.length).withContext(i.moduleKey).toBeGreaterThan(10);
    });
  });

  describe('cramp profile', () => {
    it('night calf cramp: calf stretches, before bed and fluids, with reasons in words', () => {
      const d = draftSheet(exam(nightCalf));
      expect(keys(d)).toEqual([K.calfStretchWall, K.heelDropStep, K.beforeBed, K.fluids, K.whenToGetHelp]);
      expect(reason(d, K.beforeBed)).toBe('Night calf cramp: calf stretch before bed');
      expect(reason(d, K.calfStretchWall)).toBe('Calf cramp (left); night calf cramp: calf stretch at a wall');
      expect(reason(d, K.fluids)).toContain('drinking enough');
    });

    it('suggests the leg to stretch from the cramp sites', () => {
      expect(draftSheet(exam(nightCalf)).personal[K.calfStretchWall]).toEqual({ side: 'left' });
      const both = draftSheet(exam((e) => (e.crampProfile.sites = [{ site: 'calf', side: 'left' }, { site: 'foot', side: 'right' }])));
      expect(both.personal[K.calfStretchWall]).toEqual({ side: 'both' });
      const unknown = draftSheet(exam((e) => (e.crampProfile.sites = [{ site: 'calf', side: null }])));
      expect(unknown.personal[K.calfStretchWall]).toBeUndefined();
    });

    it('night cramp with no site recorded is read as night calf cramp', () => {
      const d = draftSheet(exam((e) => (e.crampProfile.timing = ['night-in-bed'])));
      expect(keys(d)).toContain(K.beforeBed);
      expect(reason(d, K.beforeBed)).toBe('Night calf cramp: calf stretch before bed');
    });

    it('night foot cramp says so', () => {
      const d = draftSheet(exam((e) => {
        e.crampProfile.sites = [{ site: 'foot', side: 'right' }];
        e.crampProfile.timing = ['night-in-bed'];
      }));
      expect(reason(d, K.beforeBed)).toBe('Night foot cramp: calf stretch before bed');
    });

    it('night cramp only in the hamstring does not get the calf bedtime module', () => {
      const d = draftSheet(exam((e) => {
        e.crampProfile.sites = [{ site: 'hamstring', side: 'left' }];
        e.crampProfile.timing = ['night-in-bed'];
      }));
      expect(keys(d)).not.toContain(K.beforeBed);
      expect(keys(d)).not.toContain(K.calfStretchWall);
      expect(keys(d)).toContain(K.fluids);
    });

    it('exercise cramp: carbohydrate and exercise, and salt', () => {
      const d = draftSheet(exam((e) => (e.crampProfile.timing = ['during-exercise'])));
      expect(keys(d)).toEqual([K.fluids, K.carbohydrateExercise, K.salt, K.whenToGetHelp]);
      expect(reason(d, K.carbohydrateExercise)).toBe('Cramp during exercise: food for active muscles');
      expect(reason(d, K.salt)).toBe('Cramp during exercise: salt and cramp');
      const after = draftSheet(exam((e) => (e.crampProfile.timing = ['during-exercise', 'after-exercise'])));
      expect(reason(after, K.carbohydrateExercise)).toBe('Cramp during and after exercise: food for active muscles');
    });

    it('triggers: tiredness brings food and fluids; not drinking enough brings fluids and salt', () => {
      const tired = draftSheet(exam((e) => (e.crampProfile.triggers = ['fatigue'])));
      expect(keys(tired)).toEqual([K.fluids, K.carbohydrateExercise, K.whenToGetHelp]);
      const dry = draftSheet(exam((e) => (e.crampProfile.triggers = ['dehydration'])));
      expect(keys(dry)).toEqual([K.fluids, K.salt, K.whenToGetHelp]);
      expect(reason(dry, K.fluids)).toBe('Cramp when not drinking enough: drinking enough');
    });

    it('forearm or hand cramp has no shipped module: a note for the clinician', () => {
      const d = draftSheet(exam((e) => (e.crampProfile.sites = [{ site: 'hand', side: 'right' }])));
      expect(keys(d)).toEqual([K.whenToGetHelp]);
      expect(d.notes.join(' ')).toContain('Forearm or hand cramp: can come from a neck disc');
    });
  });

  describe('findings', () => {
    it('cramp episode: the muscle named and the time of night are read from the finding', () => {
      const d = draftSheet(exam((e) => {
        const f = finding('cramp-episode', { region: 'lower-limb', side: 'right' });
        f.cramp = { muscle: 'Calf (gastrocnemius)', durationMinutes: 3, context: 'Night, foot pointed down in bed' };
        e.findings = [f];
      }));
      expect(keys(d)).toEqual([K.calfStretchWall, K.heelDropStep, K.beforeBed, K.fluids, K.whenToGetHelp]);
      expect(reason(d, K.calfStretchWall)).toContain('Calf cramp (right)');
    });

    it('cramp episode longer than 10 minutes: an urgent note', () => {
      const d = draftSheet(exam((e) => {
        const f = finding('cramp-episode');
        f.cramp = { muscle: 'Hamstrings', durationMinutes: 15, context: '' };
        e.findings = [f];
      }));
      expect(d.notes.join(' ')).toContain('more than 10 minutes');
      expect(keys(d)).toContain(K.fluids);
    });

    it('weak buttock muscles with hamstring cramp in the bridge: strengthening the buttock muscles', () => {
      const d = draftSheet(exam((e) => (e.findings = [gluteBridge()])));
      expect(reason(d, K.buttockStrengthening)).toBe(
        'Weak buttock muscles with hamstring cramp in the bridge test: strengthening your buttock muscles',
      );
      // The hamstring cramp also counts as a cramp site.
      expect(keys(d)).toEqual([K.buttockStrengthening, K.fluids, K.whenToGetHelp]);
    });

    it('recognises the bridge pattern even with the weak muscle left blank', () => {
      expect(keys(draftSheet(exam((e) => (e.findings = [gluteBridge('')]))))).toContain(K.buttockStrengthening);
    });

    it('weak glutes without cramp still get the strengthening module', () => {
      const f = finding('muscle-imbalance', { side: 'right' });
      f.imbalance = { ...f.imbalance, testUsed: 'single-leg-stance', weakMuscle: 'Gluteus medius' };
      const d = draftSheet(exam((e) => (e.findings = [f])));
      expect(reason(d, K.buttockStrengthening)).toBe('Weak buttock muscles: strengthening your buttock muscles');
    });

    it('another muscle imbalance: no shipped exercise, so a note for the clinician', () => {
      const f = finding('muscle-imbalance', { region: 'cervical', side: 'bilateral' });
      f.imbalance = { ...f.imbalance, testUsed: 'deep-neck-flexor', weakMuscle: 'Deep neck flexors', relation: 'antagonist' };
      const d = draftSheet(exam((e) => (e.findings = [f])));
      expect(keys(d)).toEqual([K.whenToGetHelp]);
      expect(d.notes.join(' ')).toContain('Muscle imbalance (weak deep neck flexors): no shipped exercise');
    });

    it('facet joint sprain in the low back: looking after your spine, as individual advice', () => {
      const d = draftSheet(exam((e) => (e.findings = [finding('facet-joint', { region: 'lumbar', segment: 'L4/5', side: 'right' })])));
      expect(keys(d)).toEqual([K.spineCare, K.whenToGetHelp]);
      expect(reason(d, K.spineCare)).toBe('Facet joint sprain in the low back: looking after your spine added as individual advice');
      expect(d.personal[K.spineCare]?.note).toBe('We found a sprained small joint (facet joint) in your low back.');
    });

    it('facet sprains in two regions are named together', () => {
      const d = draftSheet(exam((e) => (e.findings = [
        finding('facet-joint', { region: 'cervical' }),
        { ...finding('facet-joint', { region: 'lumbar' }), id: 'f2' },
      ])));
      expect(reason(d, K.spineCare)).toContain('Facet joint sprain in the neck and the low back');
      expect(d.personal[K.spineCare]?.note).toContain('your neck and your low back');
    });

    it('disc irritation changes the spine advice: the nerve note, and the root named', () => {
      const d = draftSheet(exam((e) => (e.findings = [finding('disc-irritation', { region: 'cervical', segment: 'C5/6', nerveRoot: 'C6', side: 'left' })])));
      expect(reason(d, K.spineCare)).toBe(
        'Disc irritation in the neck (C6 nerve root): looking after your spine added as individual advice, with the note to stop if pain, tingling or numbness spreads down a limb',
      );
      expect(d.personal[K.spineCare]?.note).toContain('irritated disc');
      expect(d.personal[K.spineCare]?.note).toContain('nerve');
    });

    it('low-back disc with calf cramp: a stop note on the calf stretch and a note for the clinician', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.findings = [finding('disc-irritation', { region: 'lumbar', nerveRoot: 'S1', side: 'left' })];
      }));
      expect(d.personal[K.calfStretchWall]).toEqual({
        side: 'left',
        note: 'Stop the stretch if it sends pain, tingling or numbness down your leg.',
      });
      expect(d.notes.join(' ')).toContain('may come from the nerve');
    });

    it('paraspinal spasm: looking after your spine', () => {
      const d = draftSheet(exam((e) => (e.findings = [finding('paraspinal-spasm', { region: 'thoracic', side: 'central' })])));
      expect(reason(d, K.spineCare)).toBe(
        'Spasm of the muscles beside the spine in the mid back: looking after your spine added as individual advice',
      );
      expect(d.personal[K.spineCare]?.note).toContain('mid back');
    });

    it('a finding without a region is still drafted', () => {
      const d = draftSheet(exam((e) => (e.findings = [finding('facet-joint')])));
      expect(reason(d, K.spineCare)).toBe('Facet joint sprain: looking after your spine added as individual advice');
      expect(d.personal[K.spineCare]?.note).toContain('your spine');
    });

    for (const type of FINDING_TYPES) {
      it(`every finding type is drafted into a module or a note (${type})`, () => {
        const f = finding(type, { region: 'lumbar', side: 'left' });
        if (f.type === 'muscle-imbalance') f.imbalance = { ...f.imbalance, weakMuscle: 'Gluteus maximus' };
        if (f.type === 'cramp-episode') f.cramp = { ...f.cramp, muscle: 'Calf' };
        const d = draftSheet(exam((e) => (e.findings = [f])));
        expect(d.items.length + d.notes.length).toBeGreaterThan(1);
        expect(keys(d).length).toBeGreaterThan(1);
      });
    }
  });

  describe('secondary-cause screen', () => {
    it('doctor has limited fluids: the fluid module is replaced by "follow your doctor\'s fluid advice"', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.fluidRestriction = 'yes';
      }));
      expect(keys(d)).toEqual([K.calfStretchWall, K.heelDropStep, K.beforeBed, K.fluidsDoctorAdvice, K.whenToGetHelp]);
      expect(outReason(d, K.fluids)).toBe("Doctor has limited fluids: fluid module replaced by 'follow your doctor's fluid advice'");
      expect(reason(d, K.fluidsDoctorAdvice)).toBe("Doctor has limited fluids: follow your doctor's fluid advice, in place of the fluid module");
    });

    it('a fluid limit does not add fluid advice to a sheet that never had any', () => {
      const d = draftSheet(exam((e) => {
        e.findings = [finding('facet-joint', { region: 'lumbar' })];
        e.screen.fluidRestriction = 'yes';
      }));
      expect(keys(d)).toEqual([K.spineCare, K.whenToGetHelp]);
      expect(d.leftOut).toEqual([]);
    });

    it('kidney or liver disease with the fluid question unasked: doctor\'s advice until someone asks', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.kidneyDisease = 'yes';
      }));
      expect(keys(d)).toContain(K.fluidsDoctorAdvice);
      expect(keys(d)).not.toContain(K.fluids);
      expect(outReason(d, K.fluids)).toBe(
        "Kidney disease, and no one has asked about a fluid limit: fluid module replaced by 'follow your doctor's fluid advice'",
      );
      expect(d.notes.join(' ')).toContain('ask whether a doctor has limited fluids');
      const liver = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.liverDisease = 'yes';
      }));
      expect(outReason(liver, K.fluids)).toContain('Liver disease');
    });

    it('kidney disease with no fluid limit keeps the fluid module', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.kidneyDisease = 'yes';
        e.screen.fluidRestriction = 'no';
      }));
      expect(keys(d)).toContain(K.fluids);
      expect(keys(d)).not.toContain(K.fluidsDoctorAdvice);
      expect(d.notes.join(' ')).toContain('Kidney disease: a possible cause of secondary cramp');
    });

    it('pregnant (third trimester): cramp in pregnancy first; heel drop and bridge left out with reasons', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.findings = [gluteBridge()];
        e.screen.pregnant = 'yes';
        e.screen.trimester = 3;
      }));
      expect(keys(d)[0]).toBe(K.crampPregnancy);
      expect(reason(d, K.crampPregnancy)).toBe('Pregnant (third trimester): cramp in pregnancy added');
      expect(keys(d)).toContain(K.calfStretchWall);
      expect(outReason(d, K.heelDropStep)).toContain('Pregnant (third trimester): heel drop on a step left out, because balancing');
      expect(outReason(d, K.buttockStrengthening)).toContain('lying flat on the back');
    });

    it('pregnant (first trimester): the bridge stays, the heel drop still goes', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.findings = [gluteBridge()];
        e.screen.pregnant = 'yes';
        e.screen.trimester = 1;
      }));
      expect(reason(d, K.crampPregnancy)).toBe('Pregnant (first trimester): cramp in pregnancy added');
      expect(keys(d)).toContain(K.buttockStrengthening);
      expect(leftOutKeys(d)).toEqual([K.heelDropStep]);
    });

    it('pregnant with no trimester recorded is treated as later pregnancy', () => {
      const d = draftSheet(exam((e) => {
        e.findings = [gluteBridge()];
        e.screen.pregnant = 'yes';
      }));
      expect(reason(d, K.crampPregnancy)).toBe('Pregnant (trimester not recorded): cramp in pregnancy added');
      expect(leftOutKeys(d)).toContain(K.buttockStrengthening);
    });

    it('an unasked pregnancy question is not read as pregnant', () => {
      const d = draftSheet(exam(nightCalf));
      expect(keys(d)).not.toContain(K.crampPregnancy);
      expect(keys(d)).toContain(K.heelDropStep);
    });

    it('takes a statin with new muscle symptoms: medicines and your GP first, with the same-day advice', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.pregnant = 'yes';
        e.screen.statinNewMuscleSymptoms = 'yes';
      }));
      expect(keys(d)[0]).toBe(K.medicinesGp);
      expect(reason(d, K.medicinesGp)).toBe('Takes a statin with new muscle symptoms: medicines and your GP, with the same-day advice first');
      expect(d.notes.join(' ')).toContain('contact their GP or NHS 111 today');
    });

    it('a medicine linked with cramp: medicines and your GP, in its usual place', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.takesMedicines = 'yes';
        e.screen.medicines = ['diuretic', 'salbutamol'];
      }));
      expect(keys(d).slice(-2)).toEqual([K.medicinesGp, K.whenToGetHelp]);
      expect(reason(d, K.medicinesGp)).toBe('Takes a medicine linked with cramp (water tablet, salbutamol): medicines and your GP');
    });

    it('a statin typed in the free text counts', () => {
      const d = draftSheet(exam((e) => (e.screen.otherMedicines = 'atorvastatin 20mg')));
      expect(reason(d, K.medicinesGp)).toBe('Takes a medicine linked with cramp (statin): medicines and your GP');
    });

    it('a neurological condition: heel drop left out for balance, and a note', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.neurologicalCondition = 'yes';
        e.screen.neurologicalConditions = ['multiple-sclerosis'];
      }));
      expect(outReason(d, K.heelDropStep)).toContain('Neurological condition (multiple sclerosis (MS)): heel drop on a step left out');
      expect(keys(d)).toContain(K.calfStretchWall);
      expect(d.notes.join(' ')).toContain('secondary cramp');
    });

    it('liver disease, toxins and red flags reach the clinician as notes', () => {
      const d = draftSheet(exam((e) => {
        e.screen.liverDisease = 'yes';
        e.screen.fluidRestriction = 'no';
        e.screen.toxinExposure = 'yes';
        e.screen.toxins = ['lead'];
        e.screen.redFlags.oneLegSwollenHot = 'yes';
      }));
      const notes = d.notes.join(' ');
      expect(notes).toContain('Liver disease: a possible cause');
      expect(notes).toContain('Contact with lead: the patient needs same-day GP or NHS 111 advice');
      expect(notes).toContain('A red-flag question was answered yes');
    });
  });

  describe('examConditions', () => {
    const makers: Record<Exclude<ConditionCode, 'always'>, (e: ExamContent) => void> = {
      'calf-cramp': (e) => (e.crampProfile.sites = [{ site: 'calf', side: null }]),
      'foot-cramp': (e) => (e.crampProfile.sites = [{ site: 'foot', side: null }]),
      'night-calf-cramp': (e) => (e.crampProfile.timing = ['night-in-bed']),
      'hamstring-cramp': (e) => (e.crampProfile.sites = [{ site: 'hamstring', side: null }]),
      'arm-cramp': (e) => (e.crampProfile.sites = [{ site: 'forearm', side: null }]),
      'exercise-cramp': (e) => (e.crampProfile.timing = ['after-exercise']),
      'fatigue-trigger': (e) => (e.crampProfile.triggers = ['fatigue']),
      'dehydration-trigger': (e) => (e.crampProfile.triggers = ['dehydration']),
      'long-posture-trigger': (e) => (e.crampProfile.triggers = ['long-posture']),
      'weak-buttock-muscles': (e) => (e.findings = [gluteBridge()]),
      'other-muscle-imbalance': (e) => (e.findings = [finding('muscle-imbalance')]),
      'facet-joint': (e) => (e.findings = [finding('facet-joint')]),
      'disc-irritation': (e) => (e.findings = [finding('disc-irritation')]),
      'paraspinal-spasm': (e) => (e.findings = [finding('paraspinal-spasm')]),
      'cramp-medicine': (e) => (e.screen.medicines = ['nifedipine']),
      'statin-muscle-symptoms': (e) => (e.screen.statinNewMuscleSymptoms = 'yes'),
      pregnant: (e) => (e.screen.pregnant = 'yes'),
      'pregnant-after-first-trimester': (e) => {
        e.screen.pregnant = 'yes';
        e.screen.trimester = 2;
      },
      'fluid-restriction': (e) => (e.screen.fluidRestriction = 'yes'),
      'fluid-limit-unchecked': (e) => (e.screen.kidneyDisease = 'yes'),
      'kidney-disease': (e) => (e.screen.kidneyDisease = 'yes'),
      'liver-disease': (e) => (e.screen.liverDisease = 'yes'),
      'neurological-condition': (e) => (e.screen.neurologicalCondition = 'yes'),
      'toxin-exposure': (e) => (e.screen.toxinExposure = 'yes'),
    };

    for (const code of CONDITION_CODES) {
      it(`can read "${code}" from an exam`, () => {
        const make = code === 'always' ? () => undefined : makers[code];
        expect(codes(exam(make))).toContain(code);
      });
    }

    it('a blank exam holds only "always"', () => {
      expect(codes(emptyExam())).toEqual(['always']);
    });

    it('"no" answers raise nothing, and only "not-asked" fluid limits count as unchecked', () => {
      const e = exam((x) => {
        x.screen = { ...x.screen, pregnant: 'no', fluidRestriction: 'no', kidneyDisease: 'yes', statinNewMuscleSymptoms: 'no' };
      });
      expect(codes(e)).toEqual(['kidney-disease', 'always']);
    });

    it('first trimester is pregnant but not later pregnancy', () => {
      const c = codes(exam((e) => {
        e.screen.pregnant = 'yes';
        e.screen.trimester = 1;
      }));
      expect(c).toContain('pregnant');
      expect(c).not.toContain('pregnant-after-first-trimester');
    });
  });

  describe('library edits are honoured', () => {
    it("a clinic's own module is drafted by its conditions, in its category's place", () => {
      const own: AdviceModule = {
        key: 'hamstring-stretch',
        title: 'Hamstring stretch',
        category: 'stretching',
        blocks: [{ kind: 'paragraph', text: 'Sit with one leg straight.' }],
        conditions: { appliesWhen: ['hamstring-cramp'], leaveOutWhen: [] },
        source: 'Clinic',
        reviewer: 'Dr A',
        reviewDate: '2026-01-01',
      };
      const d = draftSheet(exam((e) => (e.findings = [gluteBridge()])), { library: [...defaultModules(), own] });
      expect(keys(d)).toEqual(['hamstring-stretch', K.buttockStrengthening, K.fluids, K.whenToGetHelp]);
      expect(reason(d, 'hamstring-stretch')).toBe('Cramp in the back of the thigh (hamstring) (left): hamstring stretch');
    });

    it("a manager's leave-out condition on a shipped module is applied with a reason", () => {
      const library = defaultModules();
      const salt = library.find((m) => m.key === K.salt);
      if (salt === undefined) throw new Error('no salt');
      salt.conditions.leaveOutWhen = ['kidney-disease'];
      const d = draftSheet(exam((e) => {
        e.crampProfile.triggers = ['dehydration'];
        e.screen.kidneyDisease = 'yes';
        e.screen.fluidRestriction = 'no';
      }), { library });
      expect(keys(d)).not.toContain(K.salt);
      expect(outReason(d, K.salt)).toBe('Kidney disease: salt and cramp left out');
    });

    it('without a replacement module, the fluid module is still left out (safety first)', () => {
      const library = defaultModules().filter((m) => m.key !== K.fluidsDoctorAdvice);
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.fluidRestriction = 'yes';
      }), { library });
      expect(keys(d)).not.toContain(K.fluids);
      expect(outReason(d, K.fluids)).toBe('Doctor has limited fluids: drinking enough left out');
    });

    it('uses the first module when a key appears twice', () => {
      const edited = { ...shipped(K.fluids), title: 'Drinks' };
      const d = draftSheet(exam(nightCalf), { library: [edited, ...defaultModules()] });
      expect(reason(d, K.fluids)).toContain(': drinks');
    });

    it('a module with no appliesWhen is only ever added by hand', () => {
      const library = defaultModules().map((m) => (m.key === K.beforeBed ? { ...m, conditions: { appliesWhen: [], leaveOutWhen: [] } } : m));
      expect(keys(draftSheet(exam(nightCalf), { library }))).not.toContain(K.beforeBed);
    });
  });

  describe('the example exam', () => {
    it('drafts a full, ordered sheet with readable reasons and a readable result', () => {
      const d = draftSheet(exampleExam());
      expect(keys(d)).toEqual([
        K.calfStretchWall,
        K.heelDropStep,
        K.beforeBed,
        K.buttockStrengthening,
        K.spineCare,
        K.fluids,
        K.carbohydrateExercise,
        K.salt,
        K.medicinesGp,
        K.whenToGetHelp,
      ]);
      const modules = keys(d).map(shipped);
      expect(sheetReadingAge(modules, d.personal)).toBeLessThanOrEqual(11);
    });
  });

  describe('personal details', () => {
    const wallDose: DoseBlock = { kind: 'dose', holdSeconds: [20, 30], repetitions: 3, perSide: true, howOften: 'every day', whenInDay: 'before bed is best' };

    it('formats hold times', () => {
      expect(formatHold([20, 30])).toBe('20 to 30 seconds');
      expect(formatHold(5)).toBe('5 seconds');
      expect(formatHold(1)).toBe('1 second');
      expect(formatHold([10, 10])).toBe('10 seconds');
    });

    it('writes the dose as printed', () => {
      expect(doseLines(wallDose)).toEqual([
        'Hold for 20 to 30 seconds each time.',
        'Repeat 3 times on each side.',
        'Do this every day, before bed is best.',
      ]);
      expect(doseLines({ kind: 'dose', perSide: false, repetitions: 10, holdSeconds: 5, howOften: 'once a day' })).toEqual([
        'Hold for 5 seconds each time.',
        'Repeat 10 times.',
        'Do this once a day.',
      ]);
      expect(doseLines({ kind: 'dose', perSide: true, repetitions: 1 })).toEqual(['Do it once on each side.']);
    });

    it("applies the patient's leg, hold time and repetitions", () => {
      expect(doseLines(wallDose, { side: 'left', holdSeconds: 30, repetitions: 5 })).toEqual([
        'Hold for 30 seconds each time.',
        'Repeat 5 times on your left side.',
        'Do this every day, before bed is best.',
      ]);
      expect(personalDose(wallDose, { repetitions: 2 })).toEqual({ ...wallDose, repetitions: 2 });
      expect(wallDose.repetitions).toBe(3);
      expect(doseLines({ kind: 'dose', perSide: false, holdSeconds: 10 }, { side: 'right' })).toEqual([
        'Hold for 10 seconds each time.',
        'Do it on your right side.',
      ]);
    });

    it('personalise sets, changes and clears fields without changing the input', () => {
      const start: PersonalDetailsByModule = { a: { side: 'left' } };
      const next = personalise(start, 'a', { repetitions: 4, note: 'Go gently.' });
      expect(next).toEqual({ a: { side: 'left', repetitions: 4, note: 'Go gently.' } });
      expect(start).toEqual({ a: { side: 'left' } });
      expect(personalise(next, 'a', { note: '  ' })).toEqual({ a: { side: 'left', repetitions: 4 } });
      expect(personalise(next, 'a', { side: undefined, repetitions: undefined, note: undefined })).toEqual({});
      expect(personalise({}, 'b', { holdSeconds: [10, 15] })).toEqual({ b: { holdSeconds: [10, 15] } });
    });

    it('reports impossible personal details in words', () => {
      expect(personalIssues({ holdSeconds: [20, 30], repetitions: 3, note: 'Fine.' })).toEqual([]);
      expect(personalIssues({ holdSeconds: [30, 20] })).toEqual(['Hold time: the first number must not be more than the second.']);
      expect(personalIssues({ holdSeconds: 0 })[0]).toContain('Hold time must be');
      expect(personalIssues({ repetitions: 1.5 })[0]).toContain('Repetitions');
      expect(personalIssues({ note: 'Go **gently' })[0]).toContain('do not pair up');
    });
  });

  describe('renderSheetText', () => {
    const tiny: AdviceModule = {
      key: 'tiny',
      title: 'Tiny stretch',
      category: 'stretching',
      blocks: [
        { kind: 'paragraph', text: 'This **may help**.' },
        { kind: 'steps', items: ['Stand up.', 'Reach up.'] },
        { kind: 'dose', holdSeconds: [20, 30], repetitions: 3, perSide: true },
        { kind: 'bullets', items: ['Go slowly.'] },
        { kind: 'callout', tone: 'warning', text: 'Stop if it **hurts**.' },
      ],
      conditions: { appliesWhen: [], leaveOutWhen: [] },
      source: 'Test',
      reviewer: 'Test',
      reviewDate: '2026-01-01',
    };
    const other: AdviceModule = { ...tiny, key: 'other', title: 'Other', blocks: [{ kind: 'paragraph', text: 'Second  module.' }] };

    it('produces the exact plain text of a sheet', () => {
      const text = renderSheetText([{ moduleKey: 'tiny' }, { moduleKey: 'other' }], [other, tiny], {
        tiny: { side: 'right', note: 'Do it **after** your bath.' },
      });
      expect(text).toBe(
        [
          'Tiny stretch',
          'This may help.',
          '1. Stand up.',
          '2. Reach up.',
          'Hold for 20 to 30 seconds each time.',
          'Repeat 3 times on your right side.',
          '• Go slowly.',
          'Stop if it hurts.',
          `${PERSONAL_NOTE_LABEL} Do it after your bath.`,
          '',
          'Other',
          'Second module.',
          '',
        ].join('\n'),
      );
    });

    it('follows the order of the items, not of the library', () => {
      const text = renderSheetText([{ moduleKey: 'other' }, { moduleKey: 'tiny' }], [tiny, other]);
      expect(text.indexOf('Other')).toBeLessThan(text.indexOf('Tiny stretch'));
    });

    it('is deterministic and normalised, so a content hash is stable', () => {
      const decomposed: AdviceModule = { ...tiny, key: 'nfc', title: 'Cafe\u0301', blocks: [{ kind: 'paragraph', text: 'Tab\there. ' }] };
      const a = renderSheetText([{ moduleKey: 'nfc' }], [decomposed]);
      expect(a).toBe('Café\nTab here.\n');
      expect(renderSheetText([{ moduleKey: 'nfc' }], [structuredClone(decomposed)])).toBe(a);
      expect(renderSheetText([], [tiny])).toBe('');
    });

    it('throws rather than issue a sheet with a module missing', () => {
      expect(() => renderSheetText([{ moduleKey: 'gone' }], [tiny])).toThrowError(/gone/);
    });

    it('holds the chosen modules and nothing from the ones left out', () => {
      const d = draftSheet(exam((e) => {
        nightCalf(e);
        e.screen.fluidRestriction = 'yes';
      }));
      const text = renderSheetText(d.items, DEFAULT_MODULES, d.personal);
      expect(text).toContain("Follow your doctor's fluid advice");
      expect(text).toContain('Calf stretch before bed');
      expect(text).toContain('Repeat 3 times on your left side.');
      expect(text).not.toContain('Drinking enough');
      expect(text).not.toContain('2 litres');
      expect(text).not.toContain('**');
      expect(text.trimEnd().endsWith('look thinner.')).toBeTrue();
    });

    it('moduleTextLines prints a side for a module without a dose', () => {
      expect(moduleTextLines(shipped(K.beforeBed), { side: 'left' })).toContain('Do it on your left side.');
    });
  });
});
