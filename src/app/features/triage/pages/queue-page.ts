import { ScrollingModule, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, Injector, signal, viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import type { RequestSummary } from '../../../../shared/api/requests';
import { authFeature } from '../../../core/auth/auth.feature';
import { QueueFiltersBar } from '../components/queue-filters-bar';
import { RequestRow, ROW_HEIGHT } from '../components/request-row';
import { canClaim } from '../state/hold';
import { type QueueFilters, rememberedFilters } from '../state/queue-filters';
import { TriageQueueActions } from '../state/requests.actions';
import { requestsFeature } from '../state/requests.feature';

/** The response-target clocks move on this beat; a minute's precision is what a receptionist needs. */
export const CLOCK_TICK_MS = 30_000;
const SEARCH_DEBOUNCE_MS = 300;
/** Start loading the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 40;

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  // Material selects, listboxes and menus use the keyboard themselves.
  return !!target.closest('[role=listbox],[role=combobox],[role=menu],[role=dialog],[role=alertdialog],mat-select');
}

@Component({
  selector: 'cd-queue-page',
  imports: [
    ScrollingModule, RouterOutlet, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule,
    QueueFiltersBar, RequestRow,
  ],
  templateUrl: './queue-page.html',
  styleUrl: './queue-page.scss',
  host: { '(document:keydown)': 'onKeydown($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QueuePage {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly me = computed(() => (this.user() ? { id: this.user()!.id, name: this.user()!.name } : null));
  protected readonly isManager = computed(() => this.user()?.role === 'manager');
  protected readonly requests = this.store.selectSignal(requestsFeature.selectAllRequests);
  protected readonly filters = this.store.selectSignal(requestsFeature.selectFilters);
  protected readonly countLabel = this.store.selectSignal(requestsFeature.selectCountLabel);
  protected readonly listStatus = this.store.selectSignal(requestsFeature.selectListStatus);
  protected readonly listError = this.store.selectSignal(requestsFeature.selectListError);
  protected readonly pageLoading = this.store.selectSignal(requestsFeature.selectPageLoading);
  protected readonly hasMore = this.store.selectSignal(requestsFeature.selectHasMore);
  protected readonly focusedId = this.store.selectSignal(requestsFeature.selectFocusedId);
  protected readonly focusedRequest = this.store.selectSignal(requestsFeature.selectFocusedRequest);
  protected readonly claiming = this.store.selectSignal(requestsFeature.selectClaiming);
  protected readonly claimErrors = this.store.selectSignal(requestsFeature.selectClaimErrors);
  protected readonly detailId = this.store.selectSignal(requestsFeature.selectDetailId);

  /** The side panel shows a request or the new-request form (the child route). */
  protected readonly panelOpen = signal(false);
  protected readonly now = signal(Date.now());
  protected readonly searchText = signal('');
  protected readonly heading = computed(() => {
    const f = this.filters();
    if (f.spam) return 'Spam and held submissions';
    return f.status === 'open' ? 'Open requests' : 'Requests';
  });

  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly searchInput = viewChild<ElementRef<HTMLInputElement>>('search');
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const userId = this.user()?.id;
    const filters = userId ? rememberedFilters(userId) : undefined;
    this.searchText.set(filters?.q ?? '');
    this.store.dispatch(TriageQueueActions.opened({ filters: filters ?? this.filters() }));
    const ticker = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticker);
      clearTimeout(this.searchTimer);
    });
  }

  protected trackById = (_index: number, request: RequestSummary) => request.id;

  protected changeFilters(filters: Partial<QueueFilters>): void {
    this.store.dispatch(TriageQueueActions.filtersChanged({ filters }));
    this.viewport()?.scrollToIndex(0);
  }

  protected resetFilters(): void {
    this.store.dispatch(TriageQueueActions.filtersReset());
    this.viewport()?.scrollToIndex(0);
  }

  protected onSearchInput(value: string): void {
    this.searchText.set(value);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      if (value.trim() !== this.filters().q.trim()) this.changeFilters({ q: value });
    }, SEARCH_DEBOUNCE_MS);
  }

  protected clearSearch(): void {
    this.searchText.set('');
    clearTimeout(this.searchTimer);
    if (this.filters().q) this.changeFilters({ q: '' });
    this.searchInput()?.nativeElement.focus();
  }

  protected retry(): void {
    this.store.dispatch(TriageQueueActions.retryClicked());
  }

  protected onScrolled(firstVisible: number): void {
    const viewport = this.viewport();
    const visibleRows = viewport ? Math.ceil(viewport.getViewportSize() / ROW_HEIGHT) : 10;
    if (this.hasMore() && !this.pageLoading() && firstVisible + visibleRows + PREFETCH_ROWS >= this.requests().length) {
      this.store.dispatch(TriageQueueActions.nextPageRequested());
    }
  }

  protected claim(request: RequestSummary): void {
    const me = this.me();
    if (me) this.store.dispatch(TriageQueueActions.claimClicked({ request, me }));
  }

  protected restore(request: RequestSummary): void {
    this.store.dispatch(TriageQueueActions.restoreClicked({ id: request.id, version: request.version }));
  }

  protected focusRow(id: string): void {
    if (this.focusedId() !== id) this.store.dispatch(TriageQueueActions.rowFocused({ id }));
  }

  protected closeDetail(): void {
    void this.router.navigate(['/requests']);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    // "/" reaches the search from anywhere except a text box (a select has nothing to type "/" into).
    if (event.key === '/' && !isTextEntry(event.target) && !(event.target as HTMLElement | null)?.closest('.cdk-overlay-container')) {
      event.preventDefault();
      this.searchInput()?.nativeElement.focus();
      this.searchInput()?.nativeElement.select();
      return;
    }
    if (isTypingTarget(event.target)) {
      if (event.key === 'Escape' && event.target === this.searchInput()?.nativeElement) this.searchInput()!.nativeElement.blur();
      return;
    }
    switch (event.key) {
      case 'j':
      case 'k':
        event.preventDefault();
        this.moveFocus(event.key === 'j' ? 1 : -1);
        break;
      case 'Enter': {
        // Enter on a button or link keeps its own meaning; elsewhere it opens the focused row.
        const target = event.target as HTMLElement | null;
        if (target?.closest('a,button')) return;
        const request = this.focusedRequest();
        if (request) {
          event.preventDefault();
          void this.router.navigate(['/requests', request.id]);
        }
        break;
      }
      case 'c': {
        const request = this.focusedRequest();
        if (request && canClaim(request, Date.now())) {
          event.preventDefault();
          this.claim(request);
        }
        break;
      }
      case 'a': {
        const request = this.focusedRequest();
        if (request) {
          event.preventDefault();
          void this.router.navigate(['/requests', request.id], { queryParams: { focus: 'attempt' } });
        }
        break;
      }
      case 'n':
        event.preventDefault();
        void this.router.navigate(['/requests', 'new']);
        break;
      case 'Escape':
        if (this.panelOpen()) this.closeDetail();
        break;
    }
  }

  private moveFocus(step: number): void {
    const list = this.requests();
    if (!list.length) return;
    const current = list.findIndex((r) => r.id === this.focusedId());
    const index = current < 0 ? 0 : Math.max(0, Math.min(list.length - 1, current + step));
    const request = list[index]!;
    this.store.dispatch(TriageQueueActions.rowFocused({ id: request.id }));
    const viewport = this.viewport();
    if (viewport) {
      const range = viewport.getRenderedRange();
      const first = Math.floor(viewport.measureScrollOffset() / ROW_HEIGHT);
      const visible = Math.floor(viewport.getViewportSize() / ROW_HEIGHT);
      if (index < first || index >= first + visible || index < range.start || index >= range.end) {
        viewport.scrollToIndex(step > 0 ? Math.max(0, index - visible + 1) : index);
      }
    }
    this.onScrolled(index);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>(`[data-request-id="${request.id}"] a.name`)?.focus({ preventScroll: false }),
      { injector: this.injector },
    );
  }
}
