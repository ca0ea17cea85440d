import { type AbstractControl, FormArray, FormControl, FormGroup, type ValidationErrors, Validators } from '@angular/forms';
import {
  ADVICE_LIMITS, MODULE_KEY_PATTERN,
  type AdviceBlock, type AdviceBlockKind, type AdviceCategory, type AdviceModule, type CalloutTone, type ConditionCode,
  type DrawingId, type HoldSeconds,
} from '../../../../shared/advice';

/**
 * One block of a module in the editor. Every block group has every field, so changing a block's
 * kind keeps what was typed; `blockFromForm` reads only the fields of the chosen kind.
 */
export interface BlockForm {
  kind: FormControl<AdviceBlockKind>;
  /** paragraph, callout */
  text: FormControl<string>;
  /** steps, bullets */
  items: FormArray<FormControl<string>>;
  /** callout */
  tone: FormControl<CalloutTone>;
  /** dose: one number, or a range when both are given */
  holdFrom: FormControl<number | null>;
  holdTo: FormControl<number | null>;
  repetitions: FormControl<number | null>;
  perSide: FormControl<boolean>;
  howOften: FormControl<string>;
  whenInDay: FormControl<string>;
}

export interface ModuleForm {
  key: FormControl<string>;
  title: FormControl<string>;
  category: FormControl<AdviceCategory>;
  active: FormControl<boolean>;
  blocks: FormArray<FormGroup<BlockForm>>;
  illustration: FormControl<DrawingId | ''>;
  appliesWhen: FormControl<ConditionCode[]>;
  leaveOutWhen: FormControl<ConditionCode[]>;
  replaces: FormControl<string>;
  source: FormControl<string>;
  reviewer: FormControl<string>;
  reviewDate: FormControl<string>;
}

export type BlockFormValue = ReturnType<FormGroup<BlockForm>['getRawValue']>;
export type ModuleFormValue = ReturnType<FormGroup<ModuleForm>['getRawValue']>;

const text = (value: string, max: number) => new FormControl(value, { nonNullable: true, validators: [Validators.maxLength(max)] });

export function itemControl(value = ''): FormControl<string> {
  return new FormControl(value, { nonNullable: true, validators: [Validators.maxLength(ADVICE_LIMITS.text)] });
}

/** What a block of its kind needs: text for a paragraph or callout, one item or more for a list. */
export function blockValidator(control: AbstractControl): ValidationErrors | null {
  const group = control as FormGroup<BlockForm>;
  const kind = group.controls.kind.value;
  if ((kind === 'paragraph' || kind === 'callout') && group.controls.text.value.trim() === '') return { textRequired: true };
  if ((kind === 'steps' || kind === 'bullets') && !group.controls.items.value.some((i) => i.trim() !== '')) return { itemsRequired: true };
  return null;
}

export function blockGroup(block: AdviceBlock): FormGroup<BlockForm> {
  const hold = block.kind === 'dose' ? block.holdSeconds : undefined;
  const [from, to] = hold === undefined ? [null, null] : typeof hold === 'number' ? [hold, null] : hold;
  const seconds = [Validators.min(1), Validators.max(ADVICE_LIMITS.holdSecondsMax)];
  return new FormGroup<BlockForm>({
    kind: new FormControl<AdviceBlockKind>(block.kind, { nonNullable: true }),
    text: text(block.kind === 'paragraph' || block.kind === 'callout' ? block.text : '', ADVICE_LIMITS.text),
    items: new FormArray((block.kind === 'steps' || block.kind === 'bullets' ? block.items : ['']).map((item) => itemControl(item))),
    tone: new FormControl<CalloutTone>(block.kind === 'callout' ? block.tone : 'info', { nonNullable: true }),
    holdFrom: new FormControl<number | null>(from, seconds),
    holdTo: new FormControl<number | null>(to, seconds),
    repetitions: new FormControl<number | null>(block.kind === 'dose' ? (block.repetitions ?? null) : null,
      [Validators.min(1), Validators.max(ADVICE_LIMITS.repetitionsMax)]),
    perSide: new FormControl(block.kind === 'dose' ? block.perSide : false, { nonNullable: true }),
    howOften: text(block.kind === 'dose' ? (block.howOften ?? '') : '', ADVICE_LIMITS.shortText),
    whenInDay: text(block.kind === 'dose' ? (block.whenInDay ?? '') : '', ADVICE_LIMITS.shortText),
  }, { validators: blockValidator });
}

export function emptyBlock(kind: AdviceBlockKind): AdviceBlock {
  switch (kind) {
    case 'paragraph':
      return { kind, text: '' };
    case 'steps':
    case 'bullets':
      return { kind, items: [''] };
    case 'dose':
      return { kind, perSide: false };
    case 'callout':
      return { kind, tone: 'info', text: '' };
  }
}

export function blankModule(): AdviceModule {
  return {
    key: '', title: '', category: 'stretching', blocks: [{ kind: 'paragraph', text: '' }],
    conditions: { appliesWhen: [], leaveOutWhen: [] }, source: '', reviewer: '', reviewDate: new Date().toISOString().slice(0, 10),
  };
}

export function moduleForm(module: AdviceModule, active: boolean): FormGroup<ModuleForm> {
  return new FormGroup<ModuleForm>({
    key: new FormControl(module.key, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ADVICE_LIMITS.keyLength), Validators.pattern(MODULE_KEY_PATTERN)],
    }),
    title: new FormControl(module.title, { nonNullable: true, validators: [Validators.required, Validators.maxLength(ADVICE_LIMITS.title)] }),
    category: new FormControl<AdviceCategory>(module.category, { nonNullable: true }),
    active: new FormControl(active, { nonNullable: true }),
    blocks: new FormArray(module.blocks.map((b) => blockGroup(b))),
    illustration: new FormControl<DrawingId | ''>(module.illustration ?? '', { nonNullable: true }),
    appliesWhen: new FormControl<ConditionCode[]>([...module.conditions.appliesWhen], { nonNullable: true }),
    leaveOutWhen: new FormControl<ConditionCode[]>([...module.conditions.leaveOutWhen], { nonNullable: true }),
    replaces: new FormControl(module.replaces ?? '', { nonNullable: true, validators: [Validators.pattern(MODULE_KEY_PATTERN)] }),
    source: new FormControl(module.source, { nonNullable: true, validators: [Validators.required, Validators.maxLength(ADVICE_LIMITS.source)] }),
    reviewer: new FormControl(module.reviewer, { nonNullable: true, validators: [Validators.required, Validators.maxLength(ADVICE_LIMITS.shortText)] }),
    reviewDate: new FormControl(module.reviewDate, { nonNullable: true, validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)] }),
  });
}

function holdFrom(from: number | null, to: number | null): HoldSeconds | undefined {
  if (from !== null && to !== null) return from === to ? from : [from, to];
  return from ?? to ?? undefined;
}

export function blockFromForm(value: BlockFormValue): AdviceBlock {
  switch (value.kind) {
    case 'paragraph':
      return { kind: 'paragraph', text: value.text.trim() };
    case 'callout':
      return { kind: 'callout', tone: value.tone, text: value.text.trim() };
    case 'steps':
    case 'bullets':
      return { kind: value.kind, items: value.items.map((i) => i.trim()).filter((i) => i !== '') };
    case 'dose': {
      const dose: AdviceBlock = { kind: 'dose', perSide: value.perSide };
      const hold = holdFrom(value.holdFrom, value.holdTo);
      if (hold !== undefined) dose.holdSeconds = hold;
      if (value.repetitions !== null) dose.repetitions = value.repetitions;
      if (value.howOften.trim() !== '') dose.howOften = value.howOften.trim();
      if (value.whenInDay.trim() !== '') dose.whenInDay = value.whenInDay.trim();
      return dose;
    }
  }
}

/** The module as the API takes it: trimmed, empty optional fields left out. */
export function moduleFromForm(value: ModuleFormValue): AdviceModule {
  const module: AdviceModule = {
    key: value.key.trim(),
    title: value.title.trim(),
    category: value.category,
    blocks: value.blocks.map((b) => blockFromForm(b)),
    conditions: { appliesWhen: [...value.appliesWhen], leaveOutWhen: [...value.leaveOutWhen] },
    source: value.source.trim(),
    reviewer: value.reviewer.trim(),
    reviewDate: value.reviewDate.trim(),
  };
  if (value.illustration !== '') module.illustration = value.illustration;
  if (value.replaces.trim() !== '') module.replaces = value.replaces.trim();
  return module;
}

/** Every piece of patient text in the form with where it is, for the markup checks. */
export function moduleTexts(module: AdviceModule): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [{ where: 'Title', text: module.title }];
  module.blocks.forEach((block, i) => {
    const where = `Block ${i + 1}`;
    if (block.kind === 'paragraph' || block.kind === 'callout') texts.push({ where, text: block.text });
    if (block.kind === 'steps' || block.kind === 'bullets') block.items.forEach((item, j) => texts.push({ where: `${where}, item ${j + 1}`, text: item }));
  });
  return texts;
}

/**
 * Server field paths ('module.blocks.2.items.0') in words for the manager ("Block 3, item 1").
 */
export function fieldPlace(path: string): string {
  const parts = path.replace(/^module\.?/, '').split('.').filter((p) => p !== '');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'blocks' && next !== undefined && /^\d+$/.test(next)) { words.push(`Block ${Number(next) + 1}`); i++; }
    else if (part === 'items' && next !== undefined && /^\d+$/.test(next)) { words.push(`item ${Number(next) + 1}`); i++; }
    else if (part === 'conditions') continue;
    else if (/^\d+$/.test(part)) words.push(`entry ${Number(part) + 1}`);
    else words.push(FIELD_WORDS[part] ?? part);
  }
  return words.join(', ') || 'The module';
}

const FIELD_WORDS: Record<string, string> = {
  key: 'Key', title: 'Title', category: 'Category', blocks: 'Blocks', illustration: 'Drawing', appliesWhen: 'Applies when',
  leaveOutWhen: 'Leave out when', replaces: 'Replaces', source: 'Source', reviewer: 'Reviewer', reviewDate: 'Review date',
  text: 'text', items: 'items', holdSeconds: 'hold time', repetitions: 'repetitions', howOften: 'how often', whenInDay: 'when in the day',
};
