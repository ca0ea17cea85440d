import {
  doseLines, drawingDataUri, DRAWINGS, SIDE_WORDS,
  type AdviceBlock, type AdviceModule, type CalloutTone, type PersonalDetails,
} from '../../../../../shared/advice';

/** One module on the sheet with this patient's details. */
export interface SheetSection {
  module: AdviceModule;
  personal: PersonalDetails;
}

export type BlockView =
  | { kind: 'paragraph'; text: string }
  | { kind: 'steps' | 'bullets'; items: string[] }
  | { kind: 'dose'; lines: string[] }
  | { kind: 'callout'; tone: CalloutTone; text: string };

export interface ModuleView {
  key: string;
  title: string;
  help: false;
  drawing: { src: string; alt: string } | null;
  blocks: BlockView[];
  sideLine: string | null;
  note: string | null;
}

/** "When to get help": groups of a heading line and its list; the first two sit side by side. */
export interface HelpView {
  key: string;
  title: string;
  help: true;
  paired: BlockView[][];
  rest: BlockView[][];
}

function blockView(block: AdviceBlock, personal: PersonalDetails): BlockView {
  switch (block.kind) {
    case 'paragraph':
      return { kind: 'paragraph', text: block.text };
    case 'steps':
    case 'bullets':
      return { kind: block.kind, items: block.items };
    case 'dose':
      return { kind: 'dose', lines: doseLines(block, personal) };
    case 'callout':
      return { kind: 'callout', tone: block.tone, text: block.text };
  }
}

export function moduleView(module: AdviceModule, personal: PersonalDetails): ModuleView | HelpView {
  if (module.category === 'when-to-get-help') {
    const groups: BlockView[][] = [];
    for (const block of module.blocks) {
      if (block.kind === 'dose') continue;
      const view = blockView(block, personal);
      if (groups.length === 0 || block.kind === 'paragraph' || block.kind === 'callout') groups.push([view]);
      else groups[groups.length - 1]!.push(view);
    }
    const paired = groups.length >= 2 ? groups.slice(0, 2) : [];
    return { key: module.key, title: module.title, help: true, paired, rest: groups.length >= 2 ? groups.slice(2) : groups };
  }
  const drawing = module.illustration ? DRAWINGS[module.illustration] : undefined;
  const hasDose = module.blocks.some((b) => b.kind === 'dose');
  const note = personal.note?.trim();
  return {
    key: module.key,
    title: module.title,
    help: false,
    drawing: drawing ? { src: drawingDataUri(drawing.id), alt: `${drawing.title}. ${drawing.description}` } : null,
    blocks: module.blocks.map((b) => blockView(b, personal)),
    // Same rule as the plain text and the PDF: a side chosen for a module without a dose still reaches the patient.
    sideLine: personal.side !== undefined && personal.side !== 'both' && !hasDose ? `Do it on ${SIDE_WORDS[personal.side]}.` : null,
    note: note ? note : null,
  };
}

