import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import {
  BOURNEMOUTH_QUESTIONS, MEANINGFUL_CHANGE, PSFS_MAX_ACTIVITIES, scoreBournemouth, scorePsfs, type BournemouthVersion, type OutcomeMeasure,
} from '../../../../../shared/exam';
import { buildPsfsForm, fieldElementId, type OutcomesForm } from '../../form/exam-form';
import { OPTIONS } from '../../form/options';
import { describeChange, type OutcomeChangeRow } from './outcome-change';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** NPRS, Bournemouth (back or neck), PSFS and cramp episodes, each with its change since the first visit. */
@Component({
  selector: 'cd-outcomes-section',
  imports: [
    ReactiveFormsModule, MatButtonToggleGroup, MatButtonToggle, MatButton, MatIconButton, MatFormField, MatLabel, MatInput, MatSelect, MatOption,
  ],
  templateUrl: './outcomes-section.html',
  styleUrl: './outcomes-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutcomesSection implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  readonly group = input.required<OutcomesForm>();
  readonly changes = input<Record<OutcomeMeasure, OutcomeChangeRow> | null>(null);
  readonly readonly = input(false);
  /** Parts drawn (the exam page draws a long exam a part per task): 1 NPRS, 2 Bournemouth, 3 PSFS and cramp episodes. Every part by default. */
  readonly parts = input(Infinity);

  protected readonly options = OPTIONS;
  protected readonly questions = BOURNEMOUTH_QUESTIONS;
  protected readonly rules = MEANINGFUL_CHANGE;
  protected readonly maxActivities = PSFS_MAX_ACTIVITIES;
  protected readonly version = signal<BournemouthVersion | null>(null);
  protected readonly nprs = signal<number | null>(null);
  protected readonly bournemouthTotal = signal<number | null>(null);
  protected readonly answered = signal(0);
  protected readonly psfsMean = signal<number | null>(null);

  ngOnInit(): void {
    const g = this.group();
    const read = () => {
      const v = g.getRawValue();
      this.version.set(v.bournemouth.version);
      this.nprs.set(v.nprs);
      this.bournemouthTotal.set(scoreBournemouth(v.bournemouth.items));
      this.answered.set(v.bournemouth.items.filter((i) => i !== null).length);
      this.psfsMean.set(scorePsfs(v.psfs));
    };
    read();
    g.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(read);
  }

  protected bournemouthMeasure(): OutcomeMeasure {
    return this.version() === 'neck' ? 'bournemouth-neck' : 'bournemouth-back';
  }

  protected describe(measure: OutcomeMeasure): string {
    const row = this.changes()?.[measure];
    return row ? describeChange(row, (d) => DATE.format(new Date(d + 'T00:00:00Z'))) : '';
  }

  protected tone(measure: OutcomeMeasure): string {
    const c = this.changes()?.[measure]?.comparison;
    if (!c || c.direction === 'same') return 'neutral';
    return c.meaningful ? (c.direction === 'improved' ? 'better' : 'worse') : 'neutral';
  }

  protected clearNprs(): void {
    this.group().controls.nprs.setValue(null);
  }

  protected clearItem(i: number): void {
    this.group().controls.bournemouth.controls.items.at(i).setValue(null);
  }

  protected addActivity(): void {
    const psfs = this.group().controls.psfs;
    if (psfs.length < PSFS_MAX_ACTIVITIES) psfs.push(buildPsfsForm({ activity: '', score: null }));
  }

  protected removeActivity(i: number): void {
    this.group().controls.psfs.removeAt(i);
  }

  protected round(n: number | null): string {
    return n === null ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1);
  }

  protected fid(path: string): string {
    return fieldElementId(`/outcomes/${path}`);
  }
}
