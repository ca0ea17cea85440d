import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { LABELS, RED_FLAG_QUESTIONS, type SecondaryScreen } from '../../../../../shared/exam';
import { fieldElementId, type ScreenForm } from '../../form/exam-form';
import { OPTIONS } from '../../form/options';

type Question = keyof typeof LABELS.screenQuestion;

/** The secondary-cause screen and the red-flag questions; every answer is tri-state so "not asked" never reads as "no". */
@Component({
  selector: 'cd-screen-section',
  imports: [
    ReactiveFormsModule, MatButtonToggleGroup, MatButtonToggle, MatChipListbox, MatChipOption, MatFormField, MatLabel, MatHint,
    MatInput, MatSelect, MatOption,
  ],
  templateUrl: './screen-section.html',
  styleUrl: './screen-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScreenSection implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  readonly group = input.required<ScreenForm>();
  /** Parts drawn (the exam page draws a long exam a part per task): 1 the questions, 2 the red flags and the note. Every part by default. */
  readonly parts = input(Infinity);

  protected readonly options = OPTIONS;
  protected readonly labels = LABELS;
  protected readonly redFlagQuestions = RED_FLAG_QUESTIONS;
  protected readonly questions: readonly Question[] = [
    'takesMedicines', 'statinNewMuscleSymptoms', 'pregnant', 'neurologicalCondition', 'liverDisease', 'kidneyDisease',
    'toxinExposure', 'fluidRestriction',
  ];
  /** The answers that open follow-up fields. */
  protected readonly value = signal<Pick<SecondaryScreen, 'takesMedicines' | 'pregnant' | 'neurologicalCondition' | 'toxinExposure'> | null>(null);

  ngOnInit(): void {
    const g = this.group();
    const read = () => {
      const v = g.getRawValue();
      this.value.set({ takesMedicines: v.takesMedicines, pregnant: v.pregnant, neurologicalCondition: v.neurologicalCondition, toxinExposure: v.toxinExposure });
    };
    read();
    g.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(read);
  }

  protected fid(path: string): string {
    return fieldElementId(`/screen/${path}`);
  }
}
