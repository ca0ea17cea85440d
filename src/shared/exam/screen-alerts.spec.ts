import { emptyExam, emptyFinding, RED_FLAG_KEYS, type ExamContent } from './exam-model';
import { exampleExam } from './exam-example';
import { highestAlertLevel, medicinesOnScreen, screenAlerts, type AlertId, type ExamAlert } from './screen-alerts';

function alertsFor(change: (e: ExamContent) => void): ExamAlert[] {
  const exam = emptyExam();
  change(exam);
  return screenAlerts(exam);
}

function find(alerts: readonly ExamAlert[], id: AlertId): ExamAlert {
  const a = alerts.find((x) => x.id === id);
  if (a === undefined) throw new Error(`expected alert ${id}, got ${alerts.map((x) => x.id).join(', ') || 'none'}`);
  return a;
}

describe('screenAlerts', () => {
  it('raises nothing for a blank exam: unasked is neither yes nor no', () => {
    expect(screenAlerts(emptyExam())).toEqual([]);
  });

  it('raises only the routine medicine note for the worked example (salbutamol)', () => {
    const alerts = screenAlerts(exampleExam());
    expect(alerts.map((a) => a.id)).toEqual(['cramp-medicines']);
    expect(alerts[0]?.reasons).toEqual(['Salbutamol (blue reliever inhaler)']);
  });

  it('never raises anything when every question is answered no', () => {
    const alerts = alertsFor((e) => {
      for (const k of RED_FLAG_KEYS) e.screen.redFlags[k] = 'no';
      e.screen.statinNewMuscleSymptoms = 'no';
      e.screen.pregnant = 'no';
      e.screen.liverDisease = 'no';
      e.screen.kidneyDisease = 'no';
      e.screen.neurologicalCondition = 'no';
      e.screen.toxinExposure = 'no';
      e.screen.fluidRestriction = 'no';
    });
    expect(alerts).toEqual([]);
  });

  describe('emergency', () => {
    for (const flag of ['saddleNumbness', 'bladderChange', 'bowelChange', 'bothLegsWeak', 'erectionChange'] as const) {
      it(`sends a yes to ${flag} to 999 / A&E`, () => {
        const a = find(alertsFor((e) => { e.screen.redFlags[flag] = 'yes'; }), 'cauda-equina');
        expect(a.level).toBe('emergency');
        expect(a.action).toContain('999');
        expect(a.action).toContain('A&E');
        expect(a.reasons.length).toBe(1);
      });
    }

    it('gathers several cauda equina answers into one alert with every reason', () => {
      const alerts = alertsFor((e) => {
        e.screen.redFlags.saddleNumbness = 'yes';
        e.screen.redFlags.bladderChange = 'yes';
      });
      expect(alerts.filter((a) => a.id === 'cauda-equina').length).toBe(1);
      expect(find(alerts, 'cauda-equina').reasons.length).toBe(2);
    });

    it('treats weakness (MRC 3 or less) in both legs on testing as a cauda equina sign', () => {
      const alerts = alertsFor((e) => {
        e.neuro.myotomes.L5.left = 3;
        e.neuro.myotomes.S1.right = 2;
      });
      expect(find(alerts, 'cauda-equina').level).toBe('emergency');
      expect(find(alerts, 'myotome-weakness').level).toBe('urgent');
    });

    it('does not call weakness in one leg cauda equina', () => {
      const alerts = alertsFor((e) => {
        e.neuro.myotomes.L5.left = 3;
        e.neuro.myotomes.S1.left = 2;
        e.neuro.myotomes.C5.right = 3; // an arm is not a leg
      });
      expect(alerts.some((a) => a.id === 'cauda-equina')).toBeFalse();
    });

    it('sends spasm after a wound (possible tetanus) to 999 / A&E', () => {
      const a = find(alertsFor((e) => { e.screen.redFlags.spasmAfterWound = 'yes'; }), 'tetanus');
      expect(a.level).toBe('emergency');
    });
  });

  describe('urgent', () => {
    it('sends a statin with new muscle symptoms to the GP or 111 the same day', () => {
      const a = find(alertsFor((e) => {
        e.screen.medicines = ['statin'];
        e.screen.statinNewMuscleSymptoms = 'yes';
      }), 'statin-muscle-symptoms');
      expect(a.level).toBe('urgent');
      expect(a.action).toContain('111');
      expect(a.action).toContain('today');
      expect(a.action).toContain('not stop');
    });

    it('fires on the statin answer even if the statin box was not ticked', () => {
      const alerts = alertsFor((e) => { e.screen.statinNewMuscleSymptoms = 'yes'; });
      expect(find(alerts, 'statin-muscle-symptoms').level).toBe('urgent');
    });

    it('does not also list the statin as routine GP advice once it is urgent', () => {
      const alerts = alertsFor((e) => {
        e.screen.medicines = ['statin', 'diuretic'];
        e.screen.statinNewMuscleSymptoms = 'yes';
      });
      expect(find(alerts, 'cramp-medicines').reasons).toEqual(['Water tablet (diuretic)']);
    });

    for (const test of ['hoffmann', 'babinski', 'clonus'] as const) {
      it(`refers a positive ${test} the same day`, () => {
        const a = find(alertsFor((e) => { e.neuro.cordScreen[test].right = 'positive'; }), 'cord-signs');
        expect(a.level).toBe('urgent');
        expect(a.reasons[0]).toContain('right');
      });
    }

    it('counts a 4+ reflex and an unsteady gait as cord signs', () => {
      const a = find(alertsFor((e) => {
        e.neuro.reflexes.knee.left = '4+';
        e.neuro.cordScreen.gait = 'unsteady';
      }), 'cord-signs');
      expect(a.reasons.length).toBe(2);
    });

    it('does not count a limp from pain (antalgic gait) or a 3+ reflex as a cord sign', () => {
      const alerts = alertsFor((e) => {
        e.neuro.cordScreen.gait = 'antalgic';
        e.neuro.reflexes.knee.left = '3+';
      });
      expect(alerts).toEqual([]);
    });

    it('sends MRC 3 or less in any myotome to a same-day GP, and not MRC 4', () => {
      const weak = find(alertsFor((e) => { e.neuro.myotomes.C7.right = 3; }), 'myotome-weakness');
      expect(weak.level).toBe('urgent');
      expect(weak.action).toContain('same-day GP');
      expect(weak.reasons).toEqual(['C7 elbow extension, right: 3/5']);
      expect(alertsFor((e) => { e.neuro.myotomes.C7.right = 4; })).toEqual([]);
    });

    it('flags MRC 0 (no contraction), not only 1–3', () => {
      expect(find(alertsFor((e) => { e.neuro.myotomes.L4.left = 0; }), 'myotome-weakness').level).toBe('urgent');
    });

    it('sends lead or mercury exposure to the GP or 111 the same day', () => {
      const a = find(alertsFor((e) => {
        e.screen.toxinExposure = 'yes';
        e.screen.toxins = ['lead'];
      }), 'toxin-exposure');
      expect(a.level).toBe('urgent');
      expect(a.reasons).toEqual(['Contact with lead']);
    });

    it('flags a cramp lasting more than 10 minutes, from the profile or a cramp-episode finding', () => {
      expect(alertsFor((e) => { e.crampProfile.longestEpisodeMinutes = 10; })).toEqual([]);
      expect(find(alertsFor((e) => { e.crampProfile.longestEpisodeMinutes = 11; }), 'long-cramp').level).toBe('urgent');
      const alerts = alertsFor((e) => {
        const f = emptyFinding('cramp-episode', 'c1');
        f.cramp.durationMinutes = 15;
        f.cramp.muscle = 'Calf';
        e.findings.push(f);
      });
      expect(find(alerts, 'long-cramp').reasons).toEqual(['Calf: 15 minutes']);
    });

    it('flags a swollen, hot calf (possible DVT) as urgent', () => {
      const a = find(alertsFor((e) => { e.screen.redFlags.oneLegSwollenHot = 'yes'; }), 'possible-dvt');
      expect(a.level).toBe('urgent');
      expect(a.action).toContain('999');
    });
  });

  describe('GP advice', () => {
    it('names each listed medicine and says never to stop a prescribed one', () => {
      const a = find(alertsFor((e) => {
        e.screen.takesMedicines = 'yes';
        e.screen.medicines = ['diuretic', 'teriparatide'];
      }), 'cramp-medicines');
      expect(a.level).toBe('gp');
      expect(a.reasons).toEqual(['Water tablet (diuretic)', 'Teriparatide']);
      expect(a.action).toMatch(/never stop a prescribed medicine/i);
    });

    it('spots a statin typed into the free text', () => {
      const exam = emptyExam();
      exam.screen.otherMedicines = 'Atorvastatin 20mg at night';
      expect(medicinesOnScreen(exam.screen)).toEqual(['statin']);
      const alerts = screenAlerts(exam);
      expect(find(alerts, 'cramp-medicines').reasons).toEqual(['Cholesterol medicine (statin)']);
      // The statin question has not been asked yet: prompt for it.
      expect(find(alerts, 'statin-question-unasked').level).toBe('info');
    });

    it('asks for a recheck on an equivocal cord sign rather than ignoring it', () => {
      const a = find(alertsFor((e) => { e.neuro.cordScreen.babinski.left = 'equivocal'; }), 'cord-signs-equivocal');
      expect(a.level).toBe('gp');
    });

    it('drops the equivocal note once a cord sign is positive (the urgent alert covers it)', () => {
      const alerts = alertsFor((e) => {
        e.neuro.cordScreen.babinski.left = 'equivocal';
        e.neuro.cordScreen.clonus.left = 'positive';
      });
      expect(alerts.map((a) => a.id)).toEqual(['cord-signs']);
    });
  });

  describe('info', () => {
    it('notes pregnancy with its trimester', () => {
      const a = find(alertsFor((e) => {
        e.screen.pregnant = 'yes';
        e.screen.trimester = 3;
      }), 'pregnancy');
      expect(a.level).toBe('info');
      expect(a.title).toBe('Pregnant, trimester 3');
    });

    it('notes liver disease, kidney disease or a neurological condition as a possible secondary cause', () => {
      const a = find(alertsFor((e) => {
        e.screen.liverDisease = 'yes';
        e.screen.kidneyDisease = 'yes';
        e.screen.neurologicalCondition = 'yes';
        e.screen.neurologicalConditions = ['multiple-sclerosis'];
      }), 'secondary-cause');
      expect(a.level).toBe('info');
      expect(a.reasons).toEqual(['Multiple sclerosis (MS)', 'Liver disease', 'Kidney disease']);
    });

    it('says the fluid advice will be replaced when a doctor limits fluids', () => {
      const a = find(alertsFor((e) => { e.screen.fluidRestriction = 'yes'; }), 'fluid-restriction');
      expect(a.level).toBe('info');
      expect(a.action).toContain("follow the doctor's fluid advice");
    });
  });

  it('lists the most severe first and keeps the rule order within a level', () => {
    const alerts = alertsFor((e) => {
      e.screen.fluidRestriction = 'yes';
      e.screen.medicines = ['nifedipine'];
      e.screen.toxinExposure = 'yes';
      e.screen.redFlags.bowelChange = 'yes';
      e.screen.statinNewMuscleSymptoms = 'yes';
    });
    expect(alerts.map((a) => a.level)).toEqual(['emergency', 'urgent', 'urgent', 'gp', 'info']);
    expect(alerts.map((a) => a.id)).toEqual([
      'cauda-equina', 'statin-muscle-symptoms', 'toxin-exposure', 'cramp-medicines', 'fluid-restriction',
    ]);
    expect(highestAlertLevel(alerts)).toBe('emergency');
    expect(highestAlertLevel([])).toBeNull();
  });

  it('gives every alert a title, an action and at least one reason', () => {
    const alerts = alertsFor((e) => {
      for (const k of RED_FLAG_KEYS) e.screen.redFlags[k] = 'yes';
      e.screen.statinNewMuscleSymptoms = 'yes';
      e.screen.pregnant = 'yes';
      e.screen.liverDisease = 'yes';
      e.screen.toxinExposure = 'yes';
      e.screen.fluidRestriction = 'yes';
      e.screen.medicines = ['raloxifene'];
      e.neuro.cordScreen.hoffmann.left = 'positive';
      e.neuro.myotomes.L2.left = 1;
      e.crampProfile.longestEpisodeMinutes = 30;
    });
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const a of alerts) {
      expect(a.title.length).withContext(a.id).toBeGreaterThan(0);
      expect(a.action.length).withContext(a.id).toBeGreaterThan(0);
      expect(a.reasons.length).withContext(a.id).toBeGreaterThan(0);
    }
  });
});
