import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FormArray } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { emptyFinding, type FindingType } from '../../../../../shared/exam';
import { buildFindingForm, newRowId, type FindingForm } from '../../form/exam-form';
import { OPTIONS } from '../../form/options';
import { FindingRow } from '../finding-row/finding-row';

/** The list of findings: add a row of a type, remove a row. */
@Component({
  selector: 'cd-findings-section',
  imports: [FindingRow, MatButton, MatMenu, MatMenuItem, MatMenuTrigger],
  templateUrl: './findings-section.html',
  styleUrl: './findings-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingsSection {
  readonly findings = input.required<FormArray<FindingForm>>();
  readonly readonly = input(false);
  /** Parts drawn (the exam page draws a long exam a part per task): two per row, in order (see FindingRow). Every part by default. */
  readonly parts = input(Infinity);
  protected readonly types = OPTIONS.findingType;

  protected add(type: FindingType): void {
    this.findings().push(buildFindingForm(emptyFinding(type, newRowId())));
  }

  protected removeAt(index: number): void {
    this.findings().removeAt(index);
  }
}
