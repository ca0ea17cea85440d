import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, type CdkDragDrop, CdkDropList } from '@angular/cdk/drag-drop';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOptgroup, MatOption, MatSelect } from '@angular/material/select';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { KeyValuePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { READING_AGE_TARGET, type PersonalDetails } from '../../../../../shared/advice';
import { authFeature } from '../../../../core/auth/auth.feature';
import { HandoutSheet, type SheetHeader } from '../../components/handout-sheet/handout-sheet';
import { SheetItemEditor } from '../../components/sheet-item-editor/sheet-item-editor';
import { SheetEditorPageActions } from '../../state/sheet-editor.actions';
import { sheetEditorFeature, type SheetRow } from '../../state/sheet-editor.feature';

function todayInWords(): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
}

/**
 * /handouts/new?visitId=: the chiropractor's sheet editor. The rules' draft arrives with reasons;
 * the clinician adds, removes, reorders and personalises, watches the preview and reading age,
 * then issues the sheet and lands on the print view.
 */
@Component({
  selector: 'cd-sheet-editor-page',
  imports: [
    CdkDropList, CdkDrag, RouterLink, KeyValuePipe, MatButton, MatChipSet, MatChip, MatFormField, MatLabel, MatIcon,
    MatSelect, MatOption, MatOptgroup, MatProgressSpinner, MatSlideToggle, HandoutSheet, SheetItemEditor,
  ],
  templateUrl: './sheet-editor-page.html',
  styleUrl: './sheet-editor-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SheetEditorPage {
  private readonly store = inject(Store);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Query parameter. */
  readonly visitId = input<string>();

  protected readonly target = READING_AGE_TARGET;
  protected readonly status = this.store.selectSignal(sheetEditorFeature.selectStatus);
  protected readonly loadError = this.store.selectSignal(sheetEditorFeature.selectLoadError);
  protected readonly visit = this.store.selectSignal(sheetEditorFeature.selectVisit);
  protected readonly rows = this.store.selectSignal(sheetEditorFeature.selectRows);
  protected readonly leftOut = this.store.selectSignal(sheetEditorFeature.selectLeftOutRows);
  protected readonly addable = this.store.selectSignal(sheetEditorFeature.selectAddable);
  protected readonly notes = this.store.selectSignal(sheetEditorFeature.selectNotes);
  protected readonly largePrint = this.store.selectSignal(sheetEditorFeature.selectLargePrint);
  protected readonly readingAge = this.store.selectSignal(sheetEditorFeature.selectReadingAge);
  protected readonly readingAgeHigh = this.store.selectSignal(sheetEditorFeature.selectReadingAgeHigh);
  protected readonly hasIssues = this.store.selectSignal(sheetEditorFeature.selectHasIssues);
  protected readonly issuing = this.store.selectSignal(sheetEditorFeature.selectIssuing);
  protected readonly issueError = this.store.selectSignal(sheetEditorFeature.selectIssueError);
  private readonly user = this.store.selectSignal(authFeature.selectUser);

  protected readonly toAdd = signal<string>('');
  protected readonly canIssue = computed(() => this.rows().length > 0 && !this.hasIssues() && !this.issuing());
  /** Every sheet ends with the red flags; the clinician may move it, but is told. */
  protected readonly helpWarning = computed(() => {
    const rows = this.rows();
    const at = rows.findIndex((r) => r.module.category === 'when-to-get-help');
    if (at < 0) return '"When to get help" is not on the sheet. Every sheet should end with it.';
    if (at !== rows.length - 1) return '"When to get help" is not last. Every sheet should end with it.';
    return null;
  });
  protected readonly sections = computed(() => this.rows().map((r) => ({ module: r.module, personal: r.personal })));
  protected readonly previewHeader = computed((): SheetHeader => {
    const visit = this.visit();
    const centre = this.user()?.centres.find((c) => c.id === visit?.centreId);
    return {
      centreName: centre?.name ?? 'Your clinic',
      centreAddress: '',
      centrePhone: '',
      patientName: visit?.patientName ?? '',
      clinicianName: this.user()?.name ?? '',
      issuedDate: todayInWords(),
    };
  });

  constructor() {
    effect(() => {
      const visitId = this.visitId();
      if (visitId) this.store.dispatch(SheetEditorPageActions.opened({ visitId }));
    });
  }

  protected retry(): void {
    this.store.dispatch(SheetEditorPageActions.retryClicked());
  }

  protected dropped(event: CdkDragDrop<SheetRow[]>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  protected move(from: number, to: number, refocus?: 'up' | 'down'): void {
    const rows = this.rows();
    if (to < 0 || to >= rows.length || from === to) return;
    const title = rows[from]?.module.title ?? 'Module';
    this.store.dispatch(SheetEditorPageActions.moduleMoved({ from, to }));
    void this.announcer.announce(`${title} moved to position ${to + 1} of ${rows.length}.`);
    if (refocus) this.refocus(title, refocus);
  }

  /** Moving a card moves its DOM, which drops focus: put it back on the same button, or its twin at the ends. */
  private refocus(title: string, direction: 'up' | 'down'): void {
    afterNextRender(() => {
      const find = (d: string) => this.host.nativeElement.querySelector<HTMLButtonElement>(`button[aria-label="Move ${CSS.escape(title)} ${d}"]`);
      const same = find(direction);
      (same && !same.disabled ? same : find(direction === 'up' ? 'down' : 'up'))?.focus();
    }, { injector: this.injector });
  }

  protected remove(row: SheetRow): void {
    this.store.dispatch(SheetEditorPageActions.moduleRemoved({ moduleKey: row.item.moduleKey }));
    void this.announcer.announce(`${row.module.title} removed from the sheet.`);
  }

  protected add(moduleKey: string): void {
    if (!moduleKey) return;
    this.store.dispatch(SheetEditorPageActions.moduleAdded({ moduleKey }));
    this.toAdd.set('');
  }

  protected personalChanged(moduleKey: string, personal: PersonalDetails): void {
    this.store.dispatch(SheetEditorPageActions.personalDetailsChanged({ moduleKey, personal }));
  }

  protected largePrintChanged(largePrint: boolean): void {
    this.store.dispatch(SheetEditorPageActions.largePrintToggled({ largePrint }));
  }

  protected issue(): void {
    if (this.canIssue()) this.store.dispatch(SheetEditorPageActions.issueClicked());
  }
}
