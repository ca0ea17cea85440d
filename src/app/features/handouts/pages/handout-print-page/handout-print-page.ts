import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { HandoutSheet, type SheetHeader } from '../../components/handout-sheet/handout-sheet';
import { handoutPdfUrl } from '../../data/handouts-api';
import { HandoutPrintPageActions } from '../../state/handout-print.actions';
import { handoutPrintFeature } from '../../state/handout-print.feature';
import { printPageCss } from './print-page-style';

/**
 * /handouts/:id/print: the issued sheet on A4 paper, outside the app's chrome. On screen it sits on
 * a grey desk with Print and Download PDF; on paper only the sheet prints.
 */
@Component({
  selector: 'cd-handout-print-page',
  imports: [HandoutSheet, MatButton, MatIcon, MatProgressSpinner, RouterLink],
  templateUrl: './handout-print-page.html',
  styleUrl: './handout-print-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HandoutPrintPage {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly status = this.store.selectSignal(handoutPrintFeature.selectStatus);
  protected readonly error = this.store.selectSignal(handoutPrintFeature.selectError);
  protected readonly printError = this.store.selectSignal(handoutPrintFeature.selectPrintError);
  protected readonly handout = this.store.selectSignal(handoutPrintFeature.selectHandout);
  protected readonly sections = this.store.selectSignal(handoutPrintFeature.selectSections);
  protected readonly header = computed((): SheetHeader | null => this.handout()?.header ?? null);
  protected readonly pdfUrl = computed(() => handoutPdfUrl(this.id()));

  private readonly pageStyle = this.document.createElement('style');

  constructor() {
    this.pageStyle.setAttribute('data-cd', 'handout-print');
    this.document.head.appendChild(this.pageStyle);
    inject(DestroyRef).onDestroy(() => this.pageStyle.remove());

    effect(() => this.store.dispatch(HandoutPrintPageActions.opened({ id: this.id() })));
    effect(() => {
      const header = this.header();
      // textContent, not innerHTML: the patient's name goes into a CSS string, escaped.
      this.pageStyle.textContent = printPageCss(header ? `${header.patientName}  ·  ${header.issuedDate}` : '', this.handout()?.largePrint ?? false);
      if (header) this.title.setTitle(`Home advice for ${header.patientName} · ${header.issuedDate}`);
    });
  }

  protected print(): void {
    this.store.dispatch(HandoutPrintPageActions.printClicked({ id: this.id() }));
  }
}
