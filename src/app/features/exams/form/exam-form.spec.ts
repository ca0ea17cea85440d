import { emptyExam, emptyFinding, FINDING_TYPES, type ExamContent } from '../../../../shared/exam';
import { exampleExam } from '../testing/exam-fixtures';
import { buildExamForm, examFromForm, fieldElementId, pointerFromServerField } from './exam-form';

function roundTrip(content: ExamContent): ExamContent {
  return examFromForm(buildExamForm(content).getRawValue());
}

describe('exam form mapping', () => {
  it('maps a blank exam to a form and back unchanged', () => {
    expect(roundTrip(emptyExam())).toEqual(emptyExam());
  });

  it('maps a full exam (every finding type, screen, neuro, outcomes, body chart) to a form and back unchanged', () => {
    const exam = exampleExam();
    expect(exam.findings.map((f) => f.type).sort()).toEqual([...FINDING_TYPES].sort());
    expect(roundTrip(exam)).toEqual(exam);
  });

  it('keeps each finding the exact shape of its type, whatever the row holds for other types', () => {
    const exam = emptyExam();
    exam.findings = FINDING_TYPES.map((t, i) => emptyFinding(t, `f${i}`));
    const back = roundTrip(exam);
    expect(back).toEqual(exam);
    expect(Object.keys((back.findings[2] as { tests: object }).tests).sort()).toEqual(Object.keys((exam.findings[2] as { tests: object }).tests).sort());
    expect('tests' in back.findings[0]!).toBeFalse();
  });

  it('changing a row to another type stores that type\'s tests, all "not tested", and nothing from the old type', () => {
    const exam = emptyExam();
    exam.findings = [emptyFinding('facet-joint', 'a')];
    const form = buildExamForm(exam);
    const row = form.controls.findings.at(0);
    row.controls.tests.controls.kemps.controls.result.setValue('positive');
    row.controls.type.setValue('disc-irritation');
    row.controls.tests.controls.slr.setValue({ result: 'positive', angleDeg: 45 });
    const finding = examFromForm(form.getRawValue()).findings[0]!;
    expect(finding.type).toBe('disc-irritation');
    expect(finding).toEqual({ ...emptyFinding('disc-irritation', 'a'), tests: { ...emptyFinding('disc-irritation', 'a').tests, slr: { result: 'positive', angleDeg: 45 } } });
  });

  it('gives back a copy that shares nothing with the form', () => {
    const form = buildExamForm(exampleExam());
    const content = examFromForm(form.getRawValue());
    content.screen.medicines.push('diuretic');
    content.bodyChart.marks.length = 0;
    expect(form.controls.screen.controls.medicines.value).not.toContain('diuretic');
    expect(form.controls.bodyChart.controls.marks.value.length).toBeGreaterThan(0);
  });

  it('marks out-of-range numbers invalid so they are never sent', () => {
    const form = buildExamForm(emptyExam());
    form.controls.outcomes.controls.nprs.setValue(11);
    form.controls.crampProfile.controls.episodesPerWeek.setValue(2.5);
    expect(form.controls.outcomes.controls.nprs.invalid).toBeTrue();
    expect(form.controls.crampProfile.controls.episodesPerWeek.invalid).toBeTrue();
    form.controls.outcomes.controls.nprs.setValue(10);
    form.controls.crampProfile.controls.episodesPerWeek.setValue(null);
    expect(form.valid).toBeTrue();
  });

  it('names field elements after their JSON Pointer, and reads the server\'s dotted field names', () => {
    expect(fieldElementId('/findings/0/region')).toBe('exam-findings-0-region');
    expect(fieldElementId('/outcomes/bournemouth/version')).toBe('exam-outcomes-bournemouth-version');
    expect(pointerFromServerField('content.findings.0.region')).toBe('/findings/0/region');
    expect(pointerFromServerField('content')).toBe('/');
  });
});
