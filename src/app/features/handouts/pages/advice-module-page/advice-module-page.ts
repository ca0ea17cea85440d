import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { type FormArray, type FormControl, type FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { debounceTime } from 'rxjs';
import {
  ADVICE_BLOCK_KINDS, ADVICE_CATEGORIES, ADVICE_LIMITS, CATEGORY_LABELS, CONDITION_CODES, CONDITION_LABELS, DRAWING_IDS, DRAWINGS,
  drawingDataUri, inlineMarkupIssues, moduleReadability, READING_AGE_TARGET,
  type AdviceBlockKind, type AdviceModule, type DrawingId,
} from '../../../../../shared/advice';
import { authFeature } from '../../../../core/auth/auth.feature';
import { HandoutSheet } from '../../components/handout-sheet/handout-sheet';
import type { LibraryVersion } from '../../data/advice-api';
import {
  blankModule, blockGroup, emptyBlock, fieldPlace, itemControl, moduleForm, moduleFromForm, moduleTexts,
  type BlockForm, type ModuleForm, type ModuleFormValue,
} from '../../form/module-form';
import { AdviceModulePageActions } from '../../state/advice-library.actions';
import { adviceLibraryFeature } from '../../state/advice-library.feature';

export const BLOCK_KIND_LABELS: Record<AdviceBlockKind, string> = {
  paragraph: 'Paragraph',
  steps: 'Numbered steps',
  bullets: 'Bullet list',
  dose: 'Dose (hold, repeats, how often)',
  callout: 'Callout box',
};

/**
 * /advice-library/:key and /advice-library/new: a module's editor (managers) or reader
 * (chiropractors), with a live reading age, markup warnings, a preview and the version history.
 */
@Component({
  selector: 'cd-advice-module-page',
  imports: [
    DatePipe, ReactiveFormsModule, RouterLink, MatButton, MatIconButton, MatCheckbox, MatChipListbox, MatChipOption, MatError,
    MatFormField, MatHint, MatLabel, MatIcon, MatInput, MatProgressSpinner, MatSelect, MatOption, MatSlideToggle, MatTooltip,
    HandoutSheet,
  ],
  templateUrl: './advice-module-page.html',
  styleUrl: './advice-module-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdviceModulePage {
  private readonly store = inject(Store);

  /** Route parameter; absent on /advice-library/new. */
  readonly key = input<string>();
  /** Route data on /advice-library/new. */
  readonly isNew = input(false);

  protected readonly target = READING_AGE_TARGET;
  protected readonly limits = ADVICE_LIMITS;
  protected readonly categories = ADVICE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
  protected readonly kinds = ADVICE_BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }));
  protected readonly kindLabels = BLOCK_KIND_LABELS;
  protected readonly conditions = CONDITION_CODES.map((c) => ({ value: c, label: CONDITION_LABELS[c] }));
  protected readonly drawings = DRAWING_IDS.map((id) => ({ id, title: DRAWINGS[id].title }));

  protected readonly detail = this.store.selectSignal(adviceLibraryFeature.selectDetail);
  protected readonly detailStatus = this.store.selectSignal(adviceLibraryFeature.selectDetailStatus);
  protected readonly detailError = this.store.selectSignal(adviceLibraryFeature.selectDetailError);
  protected readonly saving = this.store.selectSignal(adviceLibraryFeature.selectSaving);
  protected readonly saveError = this.store.selectSignal(adviceLibraryFeature.selectSaveError);
  protected readonly stale = this.store.selectSignal(adviceLibraryFeature.selectStale);
  private readonly savedCount = this.store.selectSignal(adviceLibraryFeature.selectSavedCount);
  private readonly role = this.store.selectSignal(authFeature.selectRole);
  protected readonly canEdit = computed(() => this.role() === 'manager');

  protected readonly form = signal<FormGroup<ModuleForm>>(moduleForm(blankModule(), true));
  private readonly formValue = signal<ModuleFormValue | null>(null);
  /** The old version being looked at, read-only, instead of the live preview. */
  protected readonly viewing = signal<LibraryVersion | null>(null);
  protected readonly justSaved = signal(false);
  /** After a 412 the manager fetched the newer version number; their typing is still in the form. */
  protected readonly reloadedAfterStale = signal(false);

  protected readonly draft = computed((): AdviceModule | null => {
    const value = this.formValue();
    return value ? moduleFromForm(value) : null;
  });
  protected readonly readability = computed(() => {
    const draft = this.draft();
    return draft ? moduleReadability(draft) : null;
  });
  protected readonly readingAgeHigh = computed(() => (this.readability()?.readingAge ?? 0) > READING_AGE_TARGET);
  protected readonly markupIssues = computed(() =>
    (this.draft() ? moduleTexts(this.draft()!) : []).flatMap(({ where, text }) => inlineMarkupIssues(text).map((issue) => `${where}: ${issue}`)));
  protected readonly previewSections = computed(() => {
    const viewing = this.viewing();
    const module = viewing ? viewing.module : this.draft();
    return module ? [{ module, personal: {} }] : [];
  });
  protected readonly fieldErrors = computed(() =>
    Object.entries(this.saveError()?.fields ?? {}).map(([path, message]) => `${fieldPlace(path)}: ${message}`));
  protected readonly heading = computed(() => (this.isNew() ? 'New advice module' : (this.detail()?.current.module.title ?? 'Advice module')));

  private loadedFor: { key: string; saved: number } | null = null;

  constructor() {
    effect(() => {
      const key = this.key();
      if (this.isNew()) this.store.dispatch(AdviceModulePageActions.newOpened());
      else if (key) this.store.dispatch(AdviceModulePageActions.opened({ key }));
    });

    // The form takes the server's copy when it opens, after a save, or while untouched; never over typing.
    effect(() => {
      const detail = this.detail();
      const saved = this.savedCount();
      const isNew = this.isNew();
      const canEdit = this.canEdit();
      untracked(() => {
        if (isNew) {
          if (this.loadedFor?.key !== '') this.useForm(moduleForm(blankModule(), true), canEdit, { key: '', saved });
          return;
        }
        if (!detail) return;
        const fresh = this.loadedFor?.key !== detail.current.key || this.loadedFor.saved !== saved || this.form().pristine;
        if (fresh) {
          this.useForm(moduleForm(detail.current.module, detail.current.active), canEdit, { key: detail.current.key, saved });
          if (this.loadedFor && saved > 0) this.justSaved.set(true);
        }
      });
    });

    // Reading age and markup checks follow the typing, a moment behind it.
    effect((onCleanup) => {
      const form = this.form();
      this.formValue.set(form.getRawValue());
      const sub = form.valueChanges.pipe(debounceTime(300)).subscribe(() => this.formValue.set(form.getRawValue()));
      onCleanup(() => sub.unsubscribe());
    });
  }

  private useForm(form: FormGroup<ModuleForm>, canEdit: boolean, loadedFor: { key: string; saved: number }): void {
    if (!canEdit) form.disable();
    // The key names every version of the module; it is chosen once.
    else if (!this.isNew()) form.controls.key.disable();
    this.loadedFor = loadedFor;
    this.viewing.set(null);
    this.form.set(form);
  }

  protected get blocks(): FormArray<FormGroup<BlockForm>> {
    return this.form().controls.blocks;
  }

  protected items(block: FormGroup<BlockForm>): FormArray<FormControl<string>> {
    return block.controls.items;
  }

  protected drawingSrc(id: DrawingId | ''): string | null {
    return id === '' ? null : drawingDataUri(id);
  }

  protected drawingAlt(id: DrawingId | ''): string {
    return id === '' ? '' : DRAWINGS[id].description;
  }

  protected addBlock(kind: AdviceBlockKind): void {
    if (this.blocks.length >= ADVICE_LIMITS.blocks) return;
    this.blocks.push(blockGroup(emptyBlock(kind)));
    this.blocks.markAsDirty();
  }

  protected removeBlock(index: number): void {
    this.blocks.removeAt(index);
    this.blocks.markAsDirty();
  }

  protected moveBlock(from: number, to: number): void {
    if (to < 0 || to >= this.blocks.length) return;
    const block = this.blocks.at(from);
    this.blocks.removeAt(from, { emitEvent: false });
    this.blocks.insert(to, block);
    this.blocks.markAsDirty();
  }

  protected addItem(block: FormGroup<BlockForm>): void {
    if (block.controls.items.length >= ADVICE_LIMITS.listItems) return;
    block.controls.items.push(itemControl());
    block.markAsDirty();
  }

  protected removeItem(block: FormGroup<BlockForm>, index: number): void {
    block.controls.items.removeAt(index);
    block.markAsDirty();
  }

  protected moveItem(block: FormGroup<BlockForm>, from: number, to: number): void {
    const items = block.controls.items;
    if (to < 0 || to >= items.length) return;
    const item = items.at(from);
    items.removeAt(from, { emitEvent: false });
    items.insert(to, item);
    block.markAsDirty();
  }

  protected view(version: LibraryVersion | null): void {
    this.viewing.set(version);
  }

  protected save(): void {
    const form = this.form();
    this.justSaved.set(false);
    this.reloadedAfterStale.set(false);
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    const module = moduleFromForm(form.getRawValue());
    const version = this.isNew() ? null : (this.detail()?.current.version ?? null);
    this.store.dispatch(AdviceModulePageActions.saveSubmitted({ module, active: form.controls.active.value, version }));
  }

  protected reloadLatest(): void {
    const key = this.detail()?.current.key;
    if (!key) return;
    this.reloadedAfterStale.set(true);
    this.store.dispatch(AdviceModulePageActions.reloadLatestClicked({ key }));
  }
}
