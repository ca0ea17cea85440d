import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { CentreChoice } from '../../../core/centre/centre.feature';
import { presetRange, RANGE_PRESETS, type RangePreset, rangeProblem, ukToday } from '../model/date-range';
import type { AnalyticsFilters } from '../state/analytics.actions';

interface ControlsForm {
  preset: FormControl<RangePreset>;
  from: FormControl<string>;
  to: FormControl<string>;
  centre: FormControl<CentreChoice>;
  compare: FormControl<boolean>;
}

/** Range, centre and compare. Emits only complete, valid choices; the store decides what to fetch. */
@Component({
  selector: 'cd-analytics-controls',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatSlideToggle],
  templateUrl: './analytics-controls.html',
  styleUrl: './analytics-controls.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsControls {
  readonly filters = input.required<AnalyticsFilters>();
  readonly centres = input.required<readonly { id: string; name: string }[]>();
  /** For tests: the UK day presets count back from. */
  readonly today = input<string>(ukToday());

  readonly rangeChanged = output<{ from: string; to: string; preset: RangePreset }>();
  readonly centreChanged = output<CentreChoice>();
  readonly compareToggled = output<boolean>();

  protected readonly presets = RANGE_PRESETS;
  protected readonly form = new FormGroup<ControlsForm>({
    preset: new FormControl<RangePreset>('last-30', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    centre: new FormControl<CentreChoice>('all', { nonNullable: true }),
    compare: new FormControl(false, { nonNullable: true }),
  });
  protected readonly rangeError = signal<string | null>(null);
  protected readonly canCompare = computed(() => this.filters().centre === 'all' && this.centres().length > 1);

  constructor() {
    // The store is the truth; the form follows it without echoing events back.
    effect(() => {
      const f = this.filters();
      this.form.setValue({ preset: f.preset, from: f.from, to: f.to, centre: f.centre, compare: f.compare }, { emitEvent: false });
      const compare = this.form.controls.compare;
      if (this.canCompare()) compare.enable({ emitEvent: false });
      else compare.disable({ emitEvent: false });
    });
  }

  protected presetChosen(preset: RangePreset): void {
    if (preset === 'custom') return;
    this.rangeChanged.emit({ ...presetRange(preset, this.today()), preset });
  }

  protected datesEdited(): void {
    const { from, to } = this.form.getRawValue();
    const problem = rangeProblem(from, to);
    this.rangeError.set(problem);
    this.form.controls.preset.setValue('custom', { emitEvent: false });
    if (!problem) this.rangeChanged.emit({ from, to, preset: 'custom' });
  }

  protected centreChosen(centre: CentreChoice): void {
    this.centreChanged.emit(centre);
  }

  protected compareChanged(compare: boolean): void {
    this.compareToggled.emit(compare);
  }
}
