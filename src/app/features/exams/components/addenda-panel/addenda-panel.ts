import { ChangeDetectionStrategy, Component, effect, input, output, untracked, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { Addendum } from '../../../../../shared/api/visits';

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** Addenda to a signed visit, oldest first, with author and time; and the box to add one. */
@Component({
  selector: 'cd-addenda-panel',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  templateUrl: './addenda-panel.html',
  styleUrl: './addenda-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddendaPanel {
  readonly addenda = input.required<readonly Addendum[]>();
  readonly canAdd = input(false);
  readonly saving = input(false);
  readonly error = input<string | null>(null);
  /** Bumped by the page when an addendum was stored: the box is cleared then, not before. */
  readonly savedSeed = input(0);
  readonly add = output<string>();

  protected readonly form = new FormGroup({
    text: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(4000), Validators.pattern(/\S/)] }),
  });
  protected readonly text = this.form.controls.text;
  private readonly formDirective = viewChild(FormGroupDirective);

  constructor() {
    effect(() => {
      // resetForm also clears 'submitted', so the empty box is not shown as an error.
      if (this.savedSeed() > 0) untracked(() => this.formDirective()?.resetForm({ text: '' }));
    });
  }

  protected when(iso: string): string {
    return WHEN.format(new Date(iso));
  }

  protected submit(): void {
    if (this.text.invalid || this.saving()) {
      this.text.markAsTouched();
      return;
    }
    this.add.emit(this.text.value.trim());
  }
}
