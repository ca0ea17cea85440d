import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, output, signal, computed } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import {
  LABELS, MUSCLE_SUGGESTIONS, TEST_DEFINITIONS, segmentsForRegion, testsToShow, type FindingType, type Region, type TestKey,
} from '../../../../../shared/exam';
import { fieldElementId, type FindingForm } from '../../form/exam-form';
import { OPTIONS, TEST_RESULT_SHORT } from '../../form/options';

/**
 * One finding: type, where it is, and the tests its type uses. OnPush and fed a FormGroup that
 * never changes for the life of the row, so typing here re-renders this row only.
 */
@Component({
  selector: 'cd-finding-row',
  imports: [
    ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatSuffix, MatInput, MatSelect, MatOption,
    MatButtonToggleGroup, MatButtonToggle, MatIconButton, MatTooltip,
  ],
  templateUrl: './finding-row.html',
  styleUrl: './finding-row.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FindingRow implements OnInit {
  private readonly destroyRef = inject(DestroyRef);

  readonly group = input.required<FindingForm>();
  readonly index = input.required<number>();
  readonly readonly = input(false);
  /** Parts drawn (the exam page draws a long exam a part per task): 1 the type and where, 2 the tests, details and note. Every part by default. */
  readonly parts = input(Infinity);
  readonly remove = output<void>();

  protected readonly options = OPTIONS;
  protected readonly labels = LABELS;
  protected readonly defs = TEST_DEFINITIONS;
  protected readonly resultShort = TEST_RESULT_SHORT;
  protected readonly muscles = MUSCLE_SUGGESTIONS;

  protected readonly type = signal<FindingType>('facet-joint');
  protected readonly region = signal<Region | null>(null);
  protected readonly tests = computed<readonly TestKey[]>(() => testsToShow(this.type(), this.region()));
  protected readonly segments = computed(() => segmentsForRegion(this.region()));
  /** Limbs have no spinal segment. */
  protected readonly hasSegments = computed(() => this.segments().length > 0);
  protected readonly testUsedOther = signal(false);

  ngOnInit(): void {
    const c = this.group().controls;
    this.type.set(c.type.value);
    this.region.set(c.region.value);
    this.testUsedOther.set(c.imbalance.controls.testUsed.value === 'other');
    c.type.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((t) => this.type.set(t));
    c.imbalance.controls.testUsed.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((t) => this.testUsedOther.set(t === 'other'));
    c.region.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((region) => {
      this.region.set(region);
      const segment = c.segment.value;
      // A segment from another region would be a contradiction; clear it rather than keep it hidden.
      if (segment !== null && !segmentsForRegion(region).includes(segment)) c.segment.setValue(null);
    });
  }

  /** Element ids follow the JSON Pointer of the field, so sign-off issues can link straight to it. */
  protected fid(path: string): string {
    return fieldElementId(`/findings/${this.index()}/${path}`);
  }

  protected summary(): string {
    const c = this.group().controls;
    const parts = [LABELS.findingType[this.type()]];
    if (this.region() !== null) parts.push(LABELS.region[this.region()!]);
    if (c.segment.value !== null) parts.push(c.segment.value);
    if (c.side.value !== null) parts.push(LABELS.side[c.side.value]);
    return parts.join(' · ');
  }
}
