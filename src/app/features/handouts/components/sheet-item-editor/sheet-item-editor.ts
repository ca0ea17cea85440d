import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, OnInit, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { formatHold, PERSONAL_SIDES, SIDE_WORDS, type DoseBlock, type PersonalDetails, type PersonalSide } from '../../../../../shared/advice';
import { personalForm, personalFromForm } from '../../form/personal-form';
import type { SheetRow } from '../../state/sheet-editor.feature';

const SIDE_LABELS: Record<PersonalSide, string> = { left: 'Left only', right: 'Right only', both: 'Both sides' };

/**
 * One module on the sheet in the editor: why it is there, move and remove, and this patient's
 * details (which leg, hold time, repetitions, a note). Emits the whole of the details on each change.
 */
@Component({
  selector: 'cd-sheet-item-editor',
  imports: [
    ReactiveFormsModule, CdkDragHandle, MatButton, MatIconButton, MatFormField, MatLabel, MatHint, MatIcon, MatInput,
    MatSelect, MatOption, MatTooltip,
  ],
  templateUrl: './sheet-item-editor.html',
  styleUrl: './sheet-item-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SheetItemEditor implements OnInit {
  private readonly destroyRef = inject(DestroyRef);

  readonly row = input.required<SheetRow>();
  readonly index = input.required<number>();
  readonly count = input.required<number>();

  readonly moveUp = output<void>();
  readonly moveDown = output<void>();
  readonly remove = output<void>();
  readonly personalChange = output<PersonalDetails>();

  protected readonly sides = PERSONAL_SIDES.map((side) => ({ side, label: SIDE_LABELS[side] }));
  protected readonly open = signal(false);
  protected form = personalForm({});

  protected readonly title = computed(() => this.row().module.title);
  protected readonly dose = computed(() => this.row().module.blocks.find((b): b is DoseBlock => b.kind === 'dose'));
  protected readonly doseHint = computed(() => {
    const dose = this.dose();
    if (!dose) return '';
    const parts = [
      dose.holdSeconds !== undefined ? `hold ${formatHold(dose.holdSeconds)}` : '',
      dose.repetitions !== undefined ? `${dose.repetitions} times${dose.perSide ? ' each side' : ''}` : '',
    ].filter((p) => p !== '');
    return parts.length ? `The module says: ${parts.join(', ')}.` : '';
  });
  protected readonly summary = computed(() => {
    const p = this.row().personal;
    const parts: string[] = [];
    if (p.side) parts.push(SIDE_WORDS[p.side].replace('your ', ''));
    if (p.holdSeconds !== undefined) parts.push(`hold ${formatHold(p.holdSeconds)}`);
    if (p.repetitions !== undefined) parts.push(`${p.repetitions} times`);
    if (p.note) parts.push('a note');
    return parts.join(', ');
  });
  protected readonly holdPlaceholder = computed(() => {
    const hold = this.dose()?.holdSeconds;
    const [from, to] = hold === undefined ? ['', ''] : typeof hold === 'number' ? [String(hold), ''] : [String(hold[0]), String(hold[1])];
    return [from, to] as const;
  });

  ngOnInit(): void {
    // The form starts from the details in the store, then the store follows the form.
    this.form = personalForm(this.row().personal);
    this.open.set(Object.keys(this.row().personal).length > 0);
    const sub = this.form.valueChanges.subscribe(() => this.personalChange.emit(personalFromForm(this.form.getRawValue())));
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected toggle(): void {
    this.open.update((v) => !v);
  }
}
