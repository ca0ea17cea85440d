import { ChangeDetectionStrategy, Component, computed, input, ViewEncapsulation } from '@angular/core';
import { PERSONAL_NOTE_LABEL } from '../../../../../shared/advice';
import { InlineText } from '../inline-text/inline-text';
import { SheetBlock } from './sheet-block';
import { moduleView, type SheetSection } from './sheet-view';

export type { SheetSection } from './sheet-view';

/** The sheet's heading facts; the editor's preview may not know them all yet. */
export interface SheetHeader {
  centreName: string;
  centreAddress: string;
  centrePhone: string;
  patientName: string;
  clinicianName: string;
  issuedDate: string;
}

/**
 * The home-advice sheet as the patient gets it: the print view's page and the editor's preview.
 * Laid out like the server's PDF (src/server/pdf/handout-pdf.ts) so paper and file match.
 */
@Component({
  selector: 'cd-handout-sheet',
  imports: [InlineText, SheetBlock],
  // One stylesheet owns the whole sheet, blocks included; every rule is under the cd-handout-sheet element.
  encapsulation: ViewEncapsulation.None,
  templateUrl: './handout-sheet.html',
  styleUrl: './handout-sheet.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.large-print]': 'largePrint()' },
})
export class HandoutSheet {
  /** Null for a module preview: the blocks without the centre and patient heading. */
  readonly header = input.required<SheetHeader | null>();
  readonly sections = input.required<readonly SheetSection[]>();
  readonly largePrint = input(false);

  protected readonly noteLabel = PERSONAL_NOTE_LABEL;
  protected readonly views = computed(() => this.sections().map((s) => moduleView(s.module, s.personal)));
  protected readonly contactLine = computed(() => {
    const h = this.header();
    return h ? [h.centreAddress, h.centrePhone].filter((part) => part.trim() !== '').join('  ·  ') : '';
  });
  protected readonly fromLine = computed(() => {
    const h = this.header();
    return h ? [h.clinicianName ? `From ${h.clinicianName}` : '', h.issuedDate].filter((p) => p !== '').join('  ·  ') : '';
  });
}
