import { DOCUMENT } from '@angular/common';
import {
  afterNextRender, ChangeDetectionStrategy, ChangeDetectorRef, Component, computed, DestroyRef, effect, inject, Injector, input, signal, untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { debounceTime, EMPTY, map, type Observable, Subject, switchMap } from 'rxjs';
import {
  examSignIssues, LABELS, screenAlerts, syncBodyChartWithCrampSites,
  type BodyMark, type CrampSite, type ExamContent, type Side,
} from '../../../../shared/exam';
import { authFeature } from '../../../core/auth/auth.feature';
import { RenderSteps } from '../../../core/render/render-steps';
import { AddendaPanel } from '../components/addenda-panel/addenda-panel';
import { AlertsPanel } from '../components/alerts-panel/alerts-panel';
import { BodyChart, type CrampSiteMarked } from '../components/body-chart/body-chart';
import { CrampProfileSection } from '../components/cramp-profile-section/cramp-profile-section';
import { FindingsSection } from '../components/findings-section/findings-section';
import { LeaveDialog } from '../components/leave-dialog/leave-dialog';
import { NeuroSection } from '../components/neuro-section/neuro-section';
import { outcomeChanges } from '../components/outcomes-section/outcome-change';
import { OutcomesSection } from '../components/outcomes-section/outcomes-section';
import { ScreenSection } from '../components/screen-section/screen-section';
import { SignPanel } from '../components/sign-panel/sign-panel';
import { LocalDrafts } from '../data/local-drafts';
import { buildCrampSiteForm, buildExamForm, examFromForm, fieldElementId, pointerFromServerField, type ExamForm } from '../form/exam-form';
import type { HasUnsentChanges } from '../guards/exam-guards';
import { examFeature } from '../state/exam.feature';
import { ExamPageActions } from '../state/exams.actions';
import { sameContent } from '../data/same-content';
import { progressFeature } from '../state/progress.feature';

/** Autosave waits this long after the last change (the local copy is written at once). */
export const AUTOSAVE_DEBOUNCE_MS = 1500;
/** Alerts, sign checks and score comparisons follow the form this far behind the keyboard. */
export const DERIVED_DEBOUNCE_MS = 250;

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export const EXAM_SECTIONS = [
  { id: 'cramp', title: 'Cramp profile' },
  { id: 'body', title: 'Body chart' },
  { id: 'findings', title: 'Findings' },
  { id: 'neuro', title: 'Neuro' },
  { id: 'screen', title: 'Screen' },
  { id: 'soap', title: 'SOAP notes' },
  { id: 'outcomes', title: 'Outcome scores' },
  { id: 'sign', title: 'Sign' },
] as const;
type SectionId = (typeof EXAM_SECTIONS)[number]['id'];

/**
 * How many parts each section is drawn in, one part per task (RenderSteps). A whole section made a
 * task of 55–85 ms on a desktop, over the 50 ms that counts as blocking (bench figure 2); a part is
 * at most a few dozen controls. The findings take two parts a row. Each section's component says
 * what its parts are.
 */
const SECTION_PARTS: Record<Exclude<SectionId, 'findings'>, number> = { cramp: 3, body: 1, neuro: 3, screen: 2, soap: 1, outcomes: 3, sign: 1 };

/**
 * Parts drawn with the page: the cramp profile's sites, at the top of the first screen. The rest
 * follow one per task; the form model is always whole, only the controls not drawn yet wait.
 */
const PARTS_DRAWN_FIRST = 1;

/** Where a JSON Pointer's top-level part lives on the page, for links to fields not on screen. */
const SECTION_OF: Record<string, SectionId> = {
  crampProfile: 'cramp', bodyChart: 'body', findings: 'findings', neuro: 'neuro', screen: 'screen', soap: 'soap', outcomes: 'outcomes',
};

/**
 * The exam form for one visit (/visits/:visitId). Container: reads the store, dispatches, and
 * owns the form. Every change is written to this browser's storage at once; the server copy
 * follows 1.5 s after typing stops (see the effects for the queue, retries and conflicts).
 */
@Component({
  selector: 'cd-exam-page',
  imports: [
    RouterLink, ReactiveFormsModule, MatButton, MatProgressBar, MatFormField, MatLabel, MatError, MatInput,
    AlertsPanel, BodyChart, CrampProfileSection, FindingsSection, NeuroSection, ScreenSection, OutcomesSection, SignPanel, AddendaPanel,
  ],
  templateUrl: './exam-page.html',
  styleUrl: './exam-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(window:beforeunload)': 'onBeforeUnload($event)', '(window:online)': 'online.set(true)', '(window:offline)': 'online.set(false)',
    '(window:beforeprint)': 'drawAllNow()',
  },
})
export class ExamPage implements HasUnsentChanges {
  private readonly store = inject(Store);
  private readonly drafts = inject(LocalDrafts);
  private readonly dialog = inject(MatDialog);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly changeDetector = inject(ChangeDetectorRef);
  private readonly renderSteps = inject(RenderSteps);

  /** From the route (:visitId). */
  readonly visitId = input.required<string>();

  protected readonly sections = EXAM_SECTIONS;
  protected readonly soapLabels = LABELS.soap;
  protected readonly soapKeys = ['subjective', 'objective', 'assessment', 'plan'] as const;

  protected readonly visit = this.store.selectSignal(examFeature.selectVisit);
  protected readonly loadStatus = this.store.selectSignal(examFeature.selectLoadStatus);
  protected readonly loadError = this.store.selectSignal(examFeature.selectLoadError);
  private readonly formContent = this.store.selectSignal(examFeature.selectFormContent);
  protected readonly saveStatus = this.store.selectSignal(examFeature.selectSaveStatus);
  private readonly savedRev = this.store.selectSignal(examFeature.selectSavedRev);
  private readonly lastSavedAt = this.store.selectSignal(examFeature.selectLastSavedAt);
  protected readonly saveError = this.store.selectSignal(examFeature.selectSaveError);
  protected readonly conflict = this.store.selectSignal(examFeature.selectConflict);
  protected readonly restoredAt = this.store.selectSignal(examFeature.selectRestoredAt);
  protected readonly strandedDraftAt = this.store.selectSignal(examFeature.selectStrandedDraftAt);
  protected readonly signing = this.store.selectSignal(examFeature.selectSigning);
  protected readonly signError = this.store.selectSignal(examFeature.selectSignError);
  protected readonly addendumSaving = this.store.selectSignal(examFeature.selectAddendumSaving);
  protected readonly addendumError = this.store.selectSignal(examFeature.selectAddendumError);
  protected readonly addendumSeed = this.store.selectSignal(examFeature.selectAddendumSeed);
  private readonly history = this.store.selectSignal(progressFeature.selectVisits);
  private readonly role = this.store.selectSignal(authFeature.selectRole);

  protected readonly canWrite = computed(() => this.role() === 'chiropractor');
  protected readonly isSigned = computed(() => this.visit()?.status === 'signed');
  protected readonly readonly = computed(() => !this.canWrite() || this.isSigned());

  protected readonly form = signal<ExamForm | null>(null);
  /** The form's content, a little behind the keyboard: what the derived views read. */
  protected readonly content = signal<ExamContent | null>(null);
  protected readonly marks = signal<BodyMark[]>([]);
  protected readonly crampSides = signal<Partial<Record<CrampSite, Side | null>>>({});
  /** The newest revision written to this browser's storage. */
  private readonly localRev = signal(0);
  protected readonly online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  protected readonly formInvalid = signal(false);

  protected readonly alerts = computed(() => {
    const c = this.content();
    return c ? screenAlerts(c) : [];
  });
  protected readonly pressingAlerts = computed(() => this.alerts().filter((a) => a.level === 'emergency' || a.level === 'urgent'));
  protected readonly issues = computed(() => {
    const c = this.content();
    return c ? examSignIssues(c) : [];
  });
  protected readonly changes = computed(() => {
    const c = this.content();
    return c ? outcomeChanges(c, this.visitId(), this.history()) : null;
  });

  protected readonly hasUnsent = computed(() => !this.readonly() && this.localRev() > this.savedRev());

  protected readonly saveTone = computed(() => {
    const s = this.saveStatus();
    if (this.readonly()) return 'neutral';
    if (s === 'conflict' || s === 'invalid' || s === 'error') return 'warn';
    if (s === 'offline' || (this.hasUnsent() && !this.online())) return 'offline';
    if (s === 'saving' || this.hasUnsent()) return 'busy';
    return 'ok';
  });

  protected readonly saveLabel = computed(() => {
    if (this.isSigned()) return 'Signed and locked';
    if (!this.canWrite()) return 'Read only';
    const s = this.saveStatus();
    const at = this.lastSavedAt();
    switch (s) {
      case 'conflict':
        return 'Not saved – someone else saved this visit';
      case 'invalid':
        return 'Not saved – check the marked fields (kept on this computer)';
      case 'error':
        return 'Not saved – trying again (kept on this computer)';
      case 'offline':
        return 'Offline – kept on this computer';
      case 'locked':
        return 'Signed and locked';
      case 'saving':
        return 'Saving…';
    }
    if (this.hasUnsent()) return this.online() ? 'Saving soon…' : 'Offline – kept on this computer';
    return at ? `Saved ${TIME.format(new Date(at))}` : 'Saved';
  });

  /** A save problem that must be settled before signing. */
  protected readonly signBlocked = computed(() => {
    const s = this.saveStatus();
    if (s === 'conflict') return 'Settle the clash with the other version first (at the top of the page).';
    if (s === 'invalid' || this.formInvalid()) return 'Correct the fields marked in red first.';
    return null;
  });

  protected readonly serverFieldIssues = computed(() => {
    const err = this.saveError();
    return err && (err.status === 400 || err.status === 422)
      ? Object.entries(err.fields).map(([field, message]) => ({ path: pointerFromServerField(field), message }))
      : [];
  });

  protected readonly signIssuesFromServer = computed(() => {
    const err = this.signError();
    return err?.status === 400 ? Object.entries(err.fields).map(([field, message]) => ({ path: pointerFromServerField(field), message })) : [];
  });

  protected readonly visitDay = computed(() => {
    const v = this.visit();
    return v ? DAY.format(new Date(v.visitDate + 'T00:00:00Z')) : '';
  });

  /** The drawing steps in page order, each naming the section whose next part it draws; set when the first form shows. */
  private drawingSteps: SectionId[] = [];
  /** How many of the drawing steps have run (the first few with the page). */
  private readonly stepsDrawn = signal(PARTS_DRAWN_FIRST);
  /** The queued drawing steps (each drops its step). */
  private readonly dropDrawingSteps: (() => void)[] = [];

  private readonly changed$ = new Subject<ExamForm>();
  private writeQueued = false;

  constructor() {
    const destroyRef = inject(DestroyRef);

    effect(() => {
      const visitId = this.visitId();
      untracked(() => this.store.dispatch(ExamPageActions.opened({ visitId })));
    });

    // A new form only when the content to show is replaced (load, restored draft, "load theirs").
    effect(() => {
      const content = this.formContent();
      untracked(() => this.rebuild(content));
    });

    effect(() => {
      const form = this.form();
      const readonly = this.readonly();
      if (!form) return;
      if (readonly) form.disable({ emitEvent: false });
      else form.enable({ emitEvent: false });
    });

    const form$ = toObservable(this.form);
    form$
      .pipe(
        switchMap((form) => (form ? form.valueChanges.pipe(map(() => form)) : EMPTY)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((form) => this.onChange(form));

    form$
      .pipe(
        switchMap((form) => (form ? this.crampSyncs(form) : EMPTY)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe();

    this.changed$.pipe(debounceTime(DERIVED_DEBOUNCE_MS), takeUntilDestroyed(destroyRef)).subscribe((form) => {
      this.content.set(examFromForm(form.getRawValue()));
      this.formInvalid.set(form.invalid);
    });

    this.changed$.pipe(debounceTime(AUTOSAVE_DEBOUNCE_MS), takeUntilDestroyed(destroyRef)).subscribe((form) => {
      const visitId = this.visitId();
      this.store.dispatch(form.invalid ? ExamPageActions.draftHeld({ visitId }) : ExamPageActions.draftChanged({ visitId }));
    });

    destroyRef.onDestroy(() => {
      for (const drop of this.dropDrawingSteps) drop();
      this.store.dispatch(ExamPageActions.closed());
    });
  }

  private rebuild(content: ExamContent | null): void {
    if (content === null) {
      this.form.set(null);
      this.content.set(null);
      return;
    }
    this.scheduleDrawing(content);
    const form = buildExamForm(content);
    if (this.readonly()) form.disable({ emitEvent: false });
    this.form.set(form);
    this.content.set(content);
    // Keep the chart in step with the sites from the start; the change is saved with the next edit.
    const marks = form.controls.bodyChart.controls.marks;
    const synced = syncBodyChartWithCrampSites({ marks: marks.value }, form.controls.crampProfile.controls.sites.getRawValue()).marks;
    if (!sameContent(synced, marks.value) && !this.readonly()) marks.setValue(synced, { emitEvent: false });
    this.marks.set(synced);
    this.crampSides.set(this.sidesOf(form));
    this.formInvalid.set(form.invalid);
    this.localRev.set(this.drafts.read(this.visitId())?.rev ?? 0);
  }

  /** The first form to show queues the parts not drawn with the page, one step each. */
  private scheduleDrawing(content: ExamContent): void {
    if (this.dropDrawingSteps.length) return;
    this.drawingSteps = EXAM_SECTIONS.flatMap(({ id }) =>
      Array<SectionId>(id === 'findings' ? Math.max(1, 2 * content.findings.length) : SECTION_PARTS[id]).fill(id));
    for (let n = PARTS_DRAWN_FIRST + 1; n <= this.drawingSteps.length; n++) {
      this.dropDrawingSteps.push(this.renderSteps.add(() => this.drawThrough(n)));
    }
  }

  /** How many of a section's parts are drawn: every one (Infinity, rows added later included) once its last step has run. */
  protected partsDrawn(id: SectionId): number {
    const done = this.stepsDrawn();
    if (done > this.drawingSteps.lastIndexOf(id)) return Infinity;
    let parts = 0;
    for (let i = 0; i < done; i++) if (this.drawingSteps[i] === id) parts++;
    return parts;
  }

  protected drawn(id: SectionId): boolean {
    return this.partsDrawn(id) > 0;
  }

  private drawThrough(steps: number): void {
    this.stepsDrawn.update((drawn) => Math.max(drawn, steps));
  }

  /** Printing cannot wait for the next task: draw every part before the page is laid out for paper. */
  protected drawAllNow(): void {
    if (this.stepsDrawn() >= this.drawingSteps.length) return;
    this.drawThrough(this.drawingSteps.length);
    this.changeDetector.detectChanges();
  }

  /**
   * Runs `then` once `id` and every section above it are drawn whole: a link into a section not
   * drawn yet draws it first (and those above, so it does not move once it is reached).
   */
  private whenDrawn(id: SectionId, then: () => void): void {
    if (this.partsDrawn(id) === Infinity) {
      then();
      return;
    }
    this.drawThrough(this.drawingSteps.lastIndexOf(id) + 1);
    afterNextRender(then, { injector: this.injector });
  }

  /** Every change goes to this browser's storage first; several changes in one task are written once. */
  private onChange(form: ExamForm): void {
    this.marks.set(form.controls.bodyChart.controls.marks.value);
    this.changed$.next(form);
    if (this.readonly() || this.writeQueued) return;
    this.writeQueued = true;
    queueMicrotask(() => {
      this.writeQueued = false;
      const visit = untracked(() => this.visit());
      if (!visit || this.form() !== form) return;
      const draft = this.drafts.write(visit.id, examFromForm(form.getRawValue()), visit.version);
      this.localRev.set(draft.rev);
    });
  }

  /** The body chart follows the cramp sites: a site with a side is a cramp mark, and only those are. */
  private crampSyncs(form: ExamForm): Observable<unknown> {
    const sites = form.controls.crampProfile.controls.sites;
    const marks = form.controls.bodyChart.controls.marks;
    return sites.valueChanges.pipe(
      map(() => {
        this.crampSides.set(this.sidesOf(form));
        const synced = syncBodyChartWithCrampSites({ marks: marks.value }, sites.getRawValue()).marks;
        if (!sameContent(synced, marks.value)) marks.setValue(synced);
      }),
    );
  }

  private sidesOf(form: ExamForm): Partial<Record<CrampSite, Side | null>> {
    const out: Partial<Record<CrampSite, Side | null>> = {};
    for (const s of form.controls.crampProfile.controls.sites.getRawValue()) out[s.site] = s.side;
    return out;
  }

  protected setMarks(marks: BodyMark[]): void {
    this.form()?.controls.bodyChart.controls.marks.setValue(marks);
  }

  protected setCrampSite({ site, side }: CrampSiteMarked): void {
    const sites = this.form()?.controls.crampProfile.controls.sites;
    if (!sites) return;
    const i = sites.getRawValue().findIndex((s) => s.site === site);
    if (side === null) {
      if (i >= 0) sites.removeAt(i);
    } else if (i >= 0) {
      sites.at(i).controls.side.setValue(side);
    } else {
      sites.push(buildCrampSiteForm({ site, side }));
    }
  }

  protected time(iso: string | null | undefined): string {
    return iso ? DATE_TIME.format(new Date(iso)) : '';
  }

  protected retry(): void {
    this.store.dispatch(ExamPageActions.retryClicked({ visitId: this.visitId() }));
  }

  protected loadTheirs(): void {
    this.store.dispatch(ExamPageActions.loadTheirsClicked({ visitId: this.visitId() }));
  }

  protected keepMine(): void {
    this.store.dispatch(ExamPageActions.keepMineClicked({ visitId: this.visitId() }));
  }

  protected sign(): void {
    this.store.dispatch(ExamPageActions.signClicked({ visitId: this.visitId() }));
  }

  protected addAddendum(text: string): void {
    this.store.dispatch(ExamPageActions.addendumSubmitted({ visitId: this.visitId(), text }));
  }

  protected jump(event: Event, id: SectionId): void {
    event.preventDefault();
    this.whenDrawn(id, () => {
      const el = this.document.getElementById(id);
      el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      el?.focus({ preventScroll: true });
    });
  }

  /** Follows a JSON Pointer to its control; an element not on screen falls back to its section. */
  protected goTo(path: string): void {
    const parts = path.split('/').filter((p) => p !== '');
    this.whenDrawn(SECTION_OF[parts[0] ?? ''] ?? 'sign', () => this.focusField(parts));
  }

  private focusField(parts: string[]): void {
    for (let n = parts.length; n > 0; n--) {
      const el = this.document.getElementById(fieldElementId('/' + parts.slice(0, n).join('/')));
      if (el) {
        el.scrollIntoView({ behavior: 'smooth', block: 'center' });
        const focusable = el.matches('input, select, textarea, [tabindex]') ? el : el.querySelector<HTMLElement>('input, select, textarea, button, [tabindex]');
        (focusable ?? el).focus({ preventScroll: true });
        return;
      }
    }
    const section = this.document.getElementById(SECTION_OF[parts[0] ?? ''] ?? 'sign');
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section?.focus({ preventScroll: true });
  }

  confirmLeave(): boolean | Observable<boolean> {
    if (!this.hasUnsent()) return true;
    return this.dialog
      .open<LeaveDialog, void, boolean>(LeaveDialog, { width: '480px' })
      .afterClosed()
      .pipe(map((leave) => leave === true));
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsent()) {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    }
  }
}
