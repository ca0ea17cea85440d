import { ChangeDetectionStrategy, Component, computed, effect, inject, input, type OnInit, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { map, type Observable, of } from 'rxjs';
import type { CentreInput } from '../../../../shared/api/foundation';
import { CentreForm, type CentreFormStatus } from '../components/centre-form';
import { ConfirmDialog, type ConfirmDialogData } from '../dialogs/confirm-dialog';
import { CentreEditPageActions } from '../state/centres.actions';
import { centresFeature } from '../state/centres.feature';

/** Adds a centre (/admin/centres/new) or edits one (/admin/centres/:id), always from a fresh copy. */
@Component({
  selector: 'cd-centre-edit-page',
  imports: [CentreForm, MatButtonModule, MatProgressBarModule, RouterLink],
  templateUrl: './centre-edit-page.html',
  styleUrl: './centre-edit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CentreEditPage implements OnInit {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);

  /** From the route; absent for a new centre. */
  readonly id = input<string>();

  protected readonly editor = this.store.selectSignal(centresFeature.selectEditor);
  protected readonly formStatus = computed((): CentreFormStatus => {
    const status = this.editor().status;
    return status === 'loading' || status === 'load-failed' ? 'ready' : status;
  });
  protected readonly title = computed(() => (this.id() ? (this.editor().original?.name ?? 'Centre') : 'Add a centre'));
  private readonly form = viewChild(CentreForm);
  private openedFor: string | null | undefined;

  constructor() {
    // The same page can be reused for another centre when only the id in the address changes.
    effect(() => {
      const id = this.id() ?? null;
      untracked(() => {
        if (this.openedFor !== undefined && id !== this.openedFor) this.open(id);
      });
    });
  }

  ngOnInit(): void {
    this.open(this.id() ?? null);
  }

  private open(id: string | null): void {
    this.openedFor = id;
    this.store.dispatch(CentreEditPageActions.opened({ id }));
  }

  protected save(input: CentreInput): void {
    const { original, latest } = this.editor();
    if (original) {
      this.store.dispatch(CentreEditPageActions.updateSubmitted({ id: original.id, version: latest?.version ?? original.version, input }));
    } else {
      this.store.dispatch(CentreEditPageActions.createSubmitted({ input }));
    }
  }

  protected reload(): void {
    const original = this.editor().original;
    if (original) this.store.dispatch(CentreEditPageActions.reloadLatestClicked({ id: original.id }));
  }

  protected cancel(): void {
    void this.router.navigate(['/admin/centres']);
  }

  /** Asked by the route before leaving: typing is never thrown away without a question. */
  canLeave(): Observable<boolean> {
    if (!this.form()?.hasUnsavedChanges()) return of(true);
    return this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Leave without saving?',
          message: 'Your changes to this centre have not been saved. If you leave now they are lost.',
          confirmLabel: 'Leave without saving',
          cancelLabel: 'Keep editing',
        },
        width: '440px',
      })
      .afterClosed()
      .pipe(map((leave) => leave === true));
  }
}
