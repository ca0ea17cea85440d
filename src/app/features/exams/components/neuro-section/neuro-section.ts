import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { DERMATOME_CODES, LABELS, MYOTOMES, REFLEX_CODES } from '../../../../../shared/exam';
import { fieldElementId, type NeuroForm } from '../../form/exam-form';
import { OPTIONS } from '../../form/options';

/**
 * Myotomes, reflexes, dermatomes and the cord screen as left/right tables. Native selects keep
 * some sixty controls light and quick to key through.
 */
@Component({
  selector: 'cd-neuro-section',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatInput],
  templateUrl: './neuro-section.html',
  styleUrl: './neuro-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NeuroSection {
  readonly group = input.required<NeuroForm>();
  /** Parts drawn (the exam page draws a long exam a part per task): 1 myotomes, 2 dermatomes, 3 reflexes and the cord screen. Every part by default. */
  readonly parts = input(Infinity);

  protected readonly options = OPTIONS;
  protected readonly labels = LABELS;
  protected readonly myotomes = MYOTOMES;
  protected readonly reflexes = REFLEX_CODES;
  protected readonly dermatomes = DERMATOME_CODES;
  protected readonly cordTests = ['hoffmann', 'babinski', 'clonus'] as const;
  protected readonly sides = ['left', 'right'] as const;

  protected fid(path: string): string {
    return fieldElementId(`/neuro/${path}`);
  }
}
