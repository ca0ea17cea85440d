import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { READING_AGE_TARGET } from '../../../../../shared/advice';
import { authFeature } from '../../../../core/auth/auth.feature';
import { AdviceLibraryPageActions } from '../../state/advice-library.actions';
import { adviceLibraryFeature } from '../../state/advice-library.feature';

/** /advice-library: every module by category, its reading age, whether it is in use, who changed it last. */
@Component({
  selector: 'cd-advice-library-page',
  imports: [DatePipe, RouterLink, MatButton, MatIcon, MatProgressSpinner],
  templateUrl: './advice-library-page.html',
  styleUrl: './advice-library-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdviceLibraryPage implements OnInit {
  private readonly store = inject(Store);

  protected readonly target = READING_AGE_TARGET;
  protected readonly categories = this.store.selectSignal(adviceLibraryFeature.selectCategories);
  protected readonly status = this.store.selectSignal(adviceLibraryFeature.selectListStatus);
  protected readonly error = this.store.selectSignal(adviceLibraryFeature.selectListError);
  private readonly role = this.store.selectSignal(authFeature.selectRole);
  protected readonly canEdit = computed(() => this.role() === 'manager');

  ngOnInit(): void {
    this.store.dispatch(AdviceLibraryPageActions.opened());
  }

  protected retry(): void {
    this.store.dispatch(AdviceLibraryPageActions.retryClicked());
  }
}
