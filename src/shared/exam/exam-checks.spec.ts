import { emptyExam, emptyFinding, type ExamContent } from './exam-model';
import { exampleExam } from './exam-example';
import { examSignIssues } from './exam-checks';

function issuesFor(change: (e: ExamContent) => void): string[] {
  const exam = exampleExam();
  change(exam);
  return examSignIssues(exam).map((i) => i.path);
}

describe('examSignIssues', () => {
  it('passes the worked example and a blank exam', () => {
    expect(examSignIssues(exampleExam())).toEqual([]);
    expect(examSignIssues(emptyExam())).toEqual([]);
  });

  it('asks for region and side on every finding before signing', () => {
    const paths = issuesFor((e) => { e.findings.push(emptyFinding('facet-joint', 'late')); });
    expect(paths).toEqual(['/findings/5/region', '/findings/5/side']);
  });

  it('refuses an angle on a test that is not tested, or that takes no angle', () => {
    const paths = issuesFor((e) => {
      const disc = e.findings[2];
      if (disc?.type === 'disc-irritation') disc.tests.spurling = { result: 'not-tested', angleDeg: 40 };
      if (disc?.type === 'disc-irritation') disc.tests.cervicalRotation = { result: 'not-tested', angleDeg: 40 };
    });
    expect(paths).toEqual(['/findings/2/tests/spurling/angleDeg', '/findings/2/tests/cervicalRotation/angleDeg']);
  });

  it('allows an angle on a negative SLR (the angle reached without symptoms)', () => {
    // The example's crossed SLR is negative at 80°.
    expect(issuesFor(() => undefined)).toEqual([]);
  });

  it('asks for the name of an "other" imbalance test', () => {
    const paths = issuesFor((e) => {
      const f = e.findings[0];
      if (f?.type === 'muscle-imbalance') f.imbalance.testUsed = 'other';
    });
    expect(paths).toEqual(['/findings/0/imbalance/testUsedOther']);
  });

  it('catches duplicate finding ids', () => {
    const paths = issuesFor((e) => {
      const f = e.findings[1];
      if (f) f.id = 'f-imbalance';
    });
    expect(paths).toEqual(['/findings/1/id']);
  });

  it('keeps the screen consistent with its ticked lists and trimester', () => {
    expect(issuesFor((e) => { e.screen.takesMedicines = 'not-asked'; })).toEqual(['/screen/takesMedicines']);
    expect(issuesFor((e) => { e.screen.pregnant = 'yes'; })).toEqual(['/screen/trimester']);
    expect(issuesFor((e) => { e.screen.trimester = 2; })).toEqual(['/screen/trimester']);
    expect(issuesFor((e) => { e.screen.toxins = ['mercury']; })).toEqual(['/screen/toxinExposure']);
    expect(issuesFor((e) => { e.screen.neurologicalConditions = ['other']; })).toEqual(['/screen/neurologicalCondition']);
  });

  it('needs a Bournemouth version once any item is answered, and a name for each scored activity', () => {
    expect(issuesFor((e) => { e.outcomes.bournemouth.version = null; })).toEqual(['/outcomes/bournemouth/version']);
    expect(issuesFor((e) => { e.outcomes.psfs.push({ activity: '  ', score: 4 }); })).toEqual(['/outcomes/psfs/3/activity']);
  });

  it('keeps body marks on views where their region is drawn, and central only on the midline', () => {
    const paths = issuesFor((e) => {
      e.bodyChart.marks.push({ regionId: 'calf', side: 'left', view: 'front', symptom: 'cramp' });
      e.bodyChart.marks.push({ regionId: 'knee', side: 'central', view: 'front', symptom: 'pain' });
    });
    expect(paths).toEqual(['/bodyChart/marks/5/view', '/bodyChart/marks/6/side']);
  });
});
