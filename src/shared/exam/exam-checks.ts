/**
 * Checks that must pass before a visit is signed, beyond what the schema can say.
 *
 * Drafts are saved as the clinician types, so the schema accepts half-finished rows (no region
 * yet, no side yet). Signing locks the record, so this is where completeness and cross-field
 * consistency are enforced. The server runs it on sign (422 with these paths); the form runs it to
 * show what is left. Paths are JSON Pointers into ExamContent, matching TypeBox error paths.
 */
import {
  BODY_REGIONS,
  TEST_DEFINITIONS,
  findingTestEntries,
  type BodyRegionDefinition,
  type ExamContent,
  type TestValue,
} from './exam-model';

export interface ExamIssue {
  path: string;
  message: string;
}

const REGION_BY_ID = new Map<string, BodyRegionDefinition>(BODY_REGIONS.map((r) => [r.id, r]));

function testIssues(path: string, test: TestValue, measure: 'angle' | 'none'): ExamIssue[] {
  if (test.angleDeg === null) return [];
  if (measure === 'none') return [{ path: `${path}/angleDeg`, message: 'This test does not take an angle.' }];
  if (test.result === 'not-tested') {
    return [{ path: `${path}/angleDeg`, message: 'An angle is recorded but the test is marked not tested.' }];
  }
  return [];
}

/** Everything that blocks signing, in form order. Empty means the exam can be signed. */
export function examSignIssues(exam: ExamContent): ExamIssue[] {
  const issues: ExamIssue[] = [];
  const { findings, screen, outcomes, bodyChart } = exam;

  const seenIds = new Set<string>();
  findings.forEach((f, i) => {
    const p = `/findings/${i}`;
    if (seenIds.has(f.id)) issues.push({ path: `${p}/id`, message: 'Two findings share one id.' });
    seenIds.add(f.id);
    if (f.region === null) issues.push({ path: `${p}/region`, message: 'Choose a region.' });
    if (f.side === null) issues.push({ path: `${p}/side`, message: 'Choose a side.' });
    for (const [key, test] of findingTestEntries(f)) {
      issues.push(...testIssues(`${p}/tests/${key}`, test, TEST_DEFINITIONS[key].measure));
    }
    if (f.type === 'muscle-imbalance') {
      const d = f.imbalance;
      if (d.testUsed === 'other' && d.testUsedOther.trim() === '') {
        issues.push({ path: `${p}/imbalance/testUsedOther`, message: 'Name the test used.' });
      }
      issues.push(...testIssues(`${p}/imbalance/testResult`, d.testResult, 'none'));
    }
  });

  if (screen.medicines.length > 0 && screen.takesMedicines !== 'yes') {
    issues.push({ path: '/screen/takesMedicines', message: 'Medicines are ticked, so answer "takes medicines" yes.' });
  }
  if (screen.pregnant === 'yes' && screen.trimester === null) {
    issues.push({ path: '/screen/trimester', message: 'Choose the trimester.' });
  }
  if (screen.pregnant !== 'yes' && screen.trimester !== null) {
    issues.push({ path: '/screen/trimester', message: 'A trimester is set but pregnancy is not answered yes.' });
  }
  if (screen.neurologicalConditions.length > 0 && screen.neurologicalCondition !== 'yes') {
    issues.push({
      path: '/screen/neurologicalCondition',
      message: 'Conditions are ticked, so answer "neurological condition" yes.',
    });
  }
  if (screen.toxins.length > 0 && screen.toxinExposure !== 'yes') {
    issues.push({ path: '/screen/toxinExposure', message: 'Lead or mercury is ticked, so answer "contact" yes.' });
  }

  const anyBournemouth = outcomes.bournemouth.items.some((v) => v !== null);
  if (anyBournemouth && outcomes.bournemouth.version === null) {
    issues.push({ path: '/outcomes/bournemouth/version', message: 'Choose the back or neck version.' });
  }
  outcomes.psfs.forEach((a, i) => {
    if (a.score !== null && a.activity.trim() === '') {
      issues.push({ path: `/outcomes/psfs/${i}/activity`, message: 'Name the activity this score is for.' });
    }
  });

  bodyChart.marks.forEach((m, i) => {
    const region = REGION_BY_ID.get(m.regionId);
    if (region === undefined) return; // the schema has already refused unknown ids
    if (!region.views.includes(m.view)) {
      issues.push({ path: `/bodyChart/marks/${i}/view`, message: 'This region is not drawn on that view.' });
    }
    if (m.side === 'central' && !region.midline) {
      issues.push({ path: `/bodyChart/marks/${i}/side`, message: 'Only midline regions can be marked central.' });
    }
  });

  return issues;
}
