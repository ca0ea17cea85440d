import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import {
  doseLines, drawingFor, parseInline, PERSONAL_NOTE_LABEL, SIDE_WORDS, type AdviceBlock, type AdviceModule, type PersonalDetails,
} from '../../shared/advice';
import type { HandoutDto } from '../../shared/api/handouts';

/*
 * The home-advice sheet as an A4 PDF, drawn with PDFKit from the issued snapshot.
 * Why PDFKit: pure JavaScript (no browser, nothing downloaded), about 10 ms a sheet, and exact
 * control of page breaks so a step list or a drawing never splits across pages.
 * The text is the issued text in the same order as `renderSheetText`, so `pdftotext` of this file
 * holds the patient's words exactly.
 */

const require = createRequire(__filename);
const FONT_REGULAR = require.resolve('@fontsource/roboto/files/roboto-latin-400-normal.woff');
const FONT_BOLD = require.resolve('@fontsource/roboto/files/roboto-latin-700-normal.woff');

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const FOOTER = 30;
const INK = '#1f2a37';
const MUTED = '#4b5563';
const BRAND = '#00696d';
const WARNING = '#b3261e';
const TINT = '#eef6f6';

interface Sizes {
  body: number;
  /** The "when to get help" box: a little smaller in normal print so a typical sheet fits two pages. */
  help: number;
  title: number;
  heading: number;
  small: number;
  gap: number;
  drawing: number;
}

/** Large print is 16 pt body text or more, as the Accessible Information Standard asks. */
function sizes(largePrint: boolean): Sizes {
  return largePrint
    ? { body: 16, help: 16, title: 24, heading: 19, small: 12, gap: 9, drawing: 150 }
    : { body: 10.5, help: 9, title: 19, heading: 13.5, small: 8.5, gap: 5, drawing: 120 };
}

type Doc = PDFKit.PDFDocument;

class SheetWriter {
  private readonly width = A4.width - MARGIN * 2;
  private readonly bottom = A4.height - MARGIN - FOOTER;

  constructor(private readonly doc: Doc, private readonly s: Sizes) {}

  private get y(): number {
    return this.doc.y;
  }

  /** Starts a new page unless `height` fits in what is left of this one. */
  private keepTogether(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN + 1) this.doc.addPage();
  }

  private textHeight(text: string, size: number, width = this.width, bold = false): number {
    this.doc.font(bold ? 'Bold' : 'Regular').fontSize(size);
    return this.doc.heightOfString(text, { width, lineGap: size * 0.2 });
  }

  /** Text with **bold** runs, drawn as one flowing paragraph. */
  private rich(text: string, size: number, x: number, width: number, color = INK): void {
    const segments = parseInline(text);
    this.doc.fillColor(color).fontSize(size);
    this.doc.x = x;
    segments.forEach((segment, index) => {
      this.doc.font(segment.strong ? 'Bold' : 'Regular').text(segment.text, {
        width, lineGap: size * 0.2, continued: index < segments.length - 1,
      });
    });
    if (segments.length === 0) this.doc.text('', { width });
  }

  header(dto: HandoutDto): void {
    const { header } = dto;
    const doc = this.doc;
    doc.font('Bold').fontSize(this.s.heading).fillColor(BRAND).text(header.centreName, MARGIN, MARGIN, { width: this.width });
    doc.font('Regular').fontSize(this.s.small).fillColor(MUTED)
      .text(`${header.centreAddress}  ·  ${header.centrePhone}`, { width: this.width });
    const ruleY = doc.y + 6;
    doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + this.width, ruleY).lineWidth(1.5).strokeColor(BRAND).stroke();
    doc.y = ruleY + 12;
    doc.x = MARGIN;
    doc.font('Bold').fontSize(this.s.title).fillColor(INK).text(`Home advice for ${header.patientName}`, { width: this.width });
    doc.font('Regular').fontSize(this.s.body).fillColor(MUTED)
      .text(`From ${header.clinicianName}  ·  ${header.issuedDate}`, { width: this.width });
    doc.moveDown(0.8);
  }

  /** While a drawing sits at the right of a module, blocks beside it use the narrower column. */
  private drawingBottom = 0;

  private columnWidth(): number {
    return this.y < this.drawingBottom ? this.width - this.s.drawing - 14 : this.width;
  }

  module(module: AdviceModule, personal: PersonalDetails, isHelpBox: boolean): void {
    if (isHelpBox) {
      this.helpBox(module);
      return;
    }
    const doc = this.doc;
    const titleHeight = this.textHeight(module.title, this.s.heading, this.width, true);
    const drawingHeight = module.illustration ? this.s.drawing * 0.75 : 0;
    const firstBlock = module.blocks[0];
    const narrow = module.illustration ? this.width - this.s.drawing - 14 : this.width;
    const firstBlockHeight = firstBlock ? this.blockHeight(firstBlock, personal, narrow) : 0;
    // A title is never left alone at the foot of a page, nor parted from its drawing.
    this.keepTogether(titleHeight + Math.max(drawingHeight, firstBlockHeight) + this.s.gap * 2);
    doc.x = MARGIN;
    doc.font('Bold').fontSize(this.s.heading).fillColor(BRAND).text(module.title, { width: this.width });
    doc.y += this.s.gap / 2;
    if (module.illustration) {
      const drawing = drawingFor(module.illustration);
      const top = this.y;
      SVGtoPDF(doc, drawing.svg, MARGIN + this.width - this.s.drawing, top, { width: this.s.drawing, height: drawingHeight });
      doc.y = top;
      this.drawingBottom = top + drawingHeight + this.s.gap;
    }
    for (const block of module.blocks) this.block(block, personal);
    const sideOnly = personal.side !== undefined && personal.side !== 'both' && !module.blocks.some((b) => b.kind === 'dose');
    if (sideOnly) this.paragraph(`Do it on ${SIDE_WORDS[personal.side!]}.`, this.columnWidth());
    const note = personal.note?.trim();
    if (note) this.callout(`${PERSONAL_NOTE_LABEL} ${note}`, 'info', this.columnWidth());
    // The next module starts below the drawing even when this one's text was shorter.
    doc.y = Math.max(doc.y, this.drawingBottom) + this.s.gap;
    this.drawingBottom = 0;
  }

  private blockHeight(block: AdviceBlock, personal: PersonalDetails, width: number): number {
    const plain = (text: string) => text.replace(/\*\*/g, '');
    switch (block.kind) {
      case 'paragraph':
        return this.textHeight(plain(block.text), this.s.body, width) + this.s.gap;
      case 'callout':
        return this.textHeight(plain(block.text), this.s.body, width - 24) + 20 + this.s.gap;
      case 'steps':
      case 'bullets':
        return block.items.reduce((sum, item) => sum + this.textHeight(plain(item), this.s.body, width - 20) + 2, 0) + this.s.gap;
      case 'dose':
        return doseLines(block, personal).reduce((sum, line) => sum + this.textHeight(line, this.s.body, width - 24, true), 0) + 20 + this.s.gap;
    }
  }

  private block(block: AdviceBlock, personal: PersonalDetails): void {
    // Each block is kept whole: a step list, a dose or a warning never breaks across pages.
    this.keepTogether(this.blockHeight(block, personal, this.columnWidth()));
    const width = this.columnWidth();
    switch (block.kind) {
      case 'paragraph':
        this.paragraph(block.text, width);
        break;
      case 'callout':
        this.callout(block.text, block.tone, width);
        break;
      case 'steps':
        this.list(block.items, (i) => `${i + 1}.`, width);
        break;
      case 'bullets':
        this.list(block.items, () => '•', width);
        break;
      case 'dose':
        this.dose(doseLines(block, personal), width);
        break;
    }
  }

  private paragraph(text: string, width: number): void {
    this.rich(text, this.s.body, MARGIN, width);
    this.doc.y += this.s.gap;
  }

  private list(items: string[], marker: (index: number) => string, width: number): void {
    const indent = 20;
    items.forEach((item, index) => {
      const top = this.y;
      this.doc.font('Bold').fontSize(this.s.body).fillColor(BRAND).text(marker(index), MARGIN, top, { width: indent, lineBreak: false });
      this.doc.y = top;
      this.rich(item, this.s.body, MARGIN + indent, width - indent);
      this.doc.y += 2;
    });
    this.doc.x = MARGIN;
    this.doc.y += this.s.gap;
  }

  private boxed(contentHeight: number, draw: (x: number, width: number) => void, fill: string, stroke: string, lineWidth = 1, width = this.width): void {
    const top = this.y;
    const pad = 10;
    this.doc.save();
    this.doc.roundedRect(MARGIN, top, width, contentHeight + pad * 2, 6).lineWidth(lineWidth).fillAndStroke(fill, stroke);
    this.doc.restore();
    this.doc.y = top + pad;
    draw(MARGIN + 12, width - 24);
    this.doc.y = top + contentHeight + pad * 2 + this.s.gap;
    this.doc.x = MARGIN;
  }

  private callout(text: string, tone: 'info' | 'warning', boxWidth: number): void {
    const height = this.textHeight(text.replace(/\*\*/g, ''), this.s.body, boxWidth - 24);
    this.boxed(height, (x, width) => this.rich(text, this.s.body, x, width),
      tone === 'warning' ? '#fdecea' : TINT, tone === 'warning' ? WARNING : BRAND, 1, boxWidth);
  }

  private dose(lines: string[], boxWidth: number): void {
    const height = lines.reduce((sum, line) => sum + this.textHeight(line, this.s.body, boxWidth - 24, true), 0);
    this.boxed(height, (x, width) => {
      for (const line of lines) {
        this.doc.font('Bold').fontSize(this.s.body).fillColor(INK);
        this.doc.x = x;
        this.doc.text(line, { width, lineGap: this.s.body * 0.2 });
      }
    }, TINT, TINT, 1, boxWidth);
  }

  /**
   * "When to get help" ends every sheet in a red-bordered box kept whole on one page. Its first two
   * groups (a heading line and its list: 999/A&E, then 111/GP) sit side by side so the box stays short.
   */
  private helpBox(module: AdviceModule): void {
    const inner = this.width - 24;
    const gutter = 16;
    const groups: AdviceBlock[][] = [];
    for (const block of module.blocks) {
      if (block.kind === 'dose') continue;
      if (groups.length === 0 || block.kind === 'paragraph' || block.kind === 'callout') groups.push([block]);
      else groups[groups.length - 1]!.push(block);
    }
    const paired = groups.length >= 2 ? groups.slice(0, 2) : [];
    const rest = groups.length >= 2 ? groups.slice(2) : groups;
    const columnWidth = (inner - gutter) / 2;
    const groupHeight = (group: AdviceBlock[], width: number) =>
      group.reduce((sum, block) => sum + this.helpBlockHeight(block, width), 0);
    const titleHeight = this.textHeight(module.title, this.s.heading, inner, true) + this.s.gap / 2;
    const pairedHeight = paired.length ? Math.max(...paired.map((g) => groupHeight(g, columnWidth))) : 0;
    const height = titleHeight + pairedHeight + rest.reduce((sum, g) => sum + groupHeight(g, inner), 0);
    if (height + 20 > this.bottom - MARGIN) {
      this.helpBoxesByGroup(module.title, groups, titleHeight);
      return;
    }
    this.keepTogether(height + 20);
    this.boxed(height, (x, width) => {
      this.doc.x = x;
      this.doc.font('Bold').fontSize(this.s.heading).fillColor(WARNING).text(module.title, { width });
      this.doc.y += this.s.gap / 2;
      const top = this.y;
      paired.forEach((group, index) => {
        this.doc.y = top;
        this.helpGroup(group, x + index * (columnWidth + gutter), columnWidth);
      });
      this.doc.y = top + pairedHeight;
      for (const group of rest) this.helpGroup(group, x, width);
    }, '#fff8f7', WARNING, 2);
  }

  /** Large print can make the whole list taller than a page: then each group gets its own box, kept whole. */
  private helpBoxesByGroup(title: string, groups: AdviceBlock[][], titleHeight: number): void {
    const inner = this.width - 24;
    groups.forEach((group, index) => {
      const height = (index === 0 ? titleHeight : 0) + group.reduce((sum, block) => sum + this.helpBlockHeight(block, inner), 0);
      this.keepTogether(height + 20);
      this.boxed(height, (x, width) => {
        if (index === 0) {
          this.doc.x = x;
          this.doc.font('Bold').fontSize(this.s.heading).fillColor(WARNING).text(title, { width });
          this.doc.y += this.s.gap / 2;
        }
        this.helpGroup(group, x, width);
      }, '#fff8f7', WARNING, 2);
    });
  }

  private helpBlockHeight(block: AdviceBlock, width: number): number {
    if (block.kind === 'steps' || block.kind === 'bullets') {
      return block.items.reduce((sum, item) => sum + this.textHeight(item.replace(/\*\*/g, ''), this.s.help, width - 16) + 2, 0) + this.s.gap / 2;
    }
    if (block.kind === 'dose') return 0;
    return this.textHeight(block.text.replace(/\*\*/g, ''), this.s.help, width) + this.s.gap / 2;
  }

  private helpGroup(group: AdviceBlock[], x: number, width: number): void {
    for (const block of group) {
      if (block.kind === 'steps' || block.kind === 'bullets') {
        block.items.forEach((item, index) => {
          const marker = block.kind === 'steps' ? `${index + 1}.` : '•';
          const rowTop = this.y;
          this.doc.font('Bold').fontSize(this.s.help).fillColor(WARNING).text(marker, x, rowTop, { width: 14, lineBreak: false });
          this.doc.y = rowTop;
          this.rich(item, this.s.help, x + 16, width - 16);
          this.doc.y += 2;
        });
        this.doc.y += this.s.gap / 2;
      } else if (block.kind !== 'dose') {
        this.rich(block.text, this.s.help, x, width);
        this.doc.y += this.s.gap / 2;
      }
    }
  }

  footer(dto: HandoutDto): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Text below the bottom margin makes PDFKit start a new page; the footer lives in that margin.
      this.doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN - 6;
      this.doc.font('Regular').fontSize(this.s.small).fillColor(MUTED);
      this.doc.text(`${dto.header.patientName}  ·  ${dto.header.issuedDate}`, MARGIN, y, { width: this.width / 2, lineBreak: false });
      this.doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + this.width / 2, y, { width: this.width / 2, align: 'right', lineBreak: false });
    }
  }
}

export function renderHandoutPdf(dto: HandoutDto): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Home advice for ${dto.header.patientName}`, Author: dto.header.centreName, Subject: 'Home advice sheet' },
    lang: 'en-GB',
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('Regular', FONT_REGULAR);
  doc.registerFont('Bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new SheetWriter(doc, sizes(dto.largePrint));
  writer.header(dto);
  for (const item of dto.items) {
    const module = item.module as AdviceModule;
    writer.module(module, item.personal as PersonalDetails, module.category === 'when-to-get-help');
  }
  writer.footer(dto);
  doc.end();
  return done;
}
