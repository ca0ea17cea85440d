/** Figure 9: the advice sheet PDF (PDFKit, product code) against pdfmake rendering the same text and fonts. */
import { createRequire } from 'node:module';
import type { HandoutDto } from '../../src/shared/api/handouts';
import { findHandout } from '../../src/server/db/repositories/handouts';
import { renderHandoutPdf } from '../../src/server/pdf/handout-pdf';
import type { Db } from '../../src/server/db/database';
import { fmt, median, percentile, type Row } from './lib';

const require = createRequire(__filename);
// pdfmake 0.2's server-side entry is the printer class.
const PdfPrinter = require('pdfmake') as new (fonts: Record<string, Record<string, string>>) => {
  createPdfKitDocument(def: unknown): NodeJS.EventEmitter & { end(): void };
};
const FONT_REGULAR = require.resolve('@fontsource/roboto/files/roboto-latin-400-normal.woff');
const FONT_BOLD = require.resolve('@fontsource/roboto/files/roboto-latin-700-normal.woff');
const printer = new PdfPrinter({ Roboto: { normal: FONT_REGULAR, bold: FONT_BOLD, italics: FONT_REGULAR, bolditalics: FONT_BOLD } });

/** The same content as the product's sheet: header, then each module's title and lines (the issued text), page footers. */
function pdfmakeSheet(dto: HandoutDto): Promise<Buffer> {
  const h = dto.header;
  const sections = dto.text.trim().split('\n\n').map((section) => {
    const [title, ...lines] = section.split('\n');
    return [
      { text: title, bold: true, fontSize: 13.5, margin: [0, 8, 0, 4], color: '#00696d' },
      ...lines.map((line) => ({ text: line.replace(/\*\*/g, ''), fontSize: 10.5, lineHeight: 1.2, margin: [0, 0, 0, 3] })),
    ];
  });
  const def = {
    pageSize: 'A4', pageMargins: [48, 48, 48, 78],
    info: { title: `Home advice for ${h.patientName}`, author: h.centreName },
    content: [
      { text: h.centreName, bold: true, fontSize: 19, color: '#00696d' },
      { text: `${h.centreAddress} · ${h.centrePhone}`, fontSize: 8.5, color: '#4b5563', margin: [0, 2, 0, 8] },
      { text: `Home advice for ${h.patientName}`, bold: true, fontSize: 13.5 },
      { text: `From ${h.clinicianName} · ${h.issuedDate}`, fontSize: 10.5, margin: [0, 0, 0, 10] },
      ...sections.flat(),
    ],
    footer: (page: number, count: number) => ({
      columns: [{ text: `${h.patientName}  ·  ${h.issuedDate}`, fontSize: 8.5 }, { text: `Page ${page} of ${count}`, alignment: 'right', fontSize: 8.5 }],
      margin: [48, 30, 48, 0],
    }),
    defaultStyle: { font: 'Roboto', color: '#1f2a37' },
  };
  const doc = printer.createPdfKitDocument(def);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function timeEach(n: number, render: () => Promise<Buffer>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await render();
    out.push(performance.now() - t);
  }
  return out;
}

export async function figurePdf(db: Db, rounds: number, log: (s: string) => void): Promise<Row[]> {
  // A typical sheet: the issued handout with the median number of modules.
  const ids = await db.selectFrom('handouts').select('id').execute();
  if (!ids.length) throw new Error('no handouts in the demo data');
  const dtos = (await Promise.all(ids.slice(0, 40).map((r) => findHandout(db, r.id)))).filter((d): d is HandoutDto => !!d && !d.largePrint);
  dtos.sort((a, b) => a.items.length - b.items.length);
  const dto = dtos[Math.floor(dtos.length / 2)]!;
  const a = await renderHandoutPdf(dto);
  const b = await pdfmakeSheet(dto);
  log(`pdf: ${dto.items.length} modules, ${dto.text.length} chars; PDFKit ${a.length} B, pdfmake ${b.length} B`);
  await timeEach(2, () => renderHandoutPdf(dto));
  await timeEach(2, () => pdfmakeSheet(dto));
  const kit: number[] = [];
  const make: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const x = await timeEach(6, () => renderHandoutPdf(dto));
    const y = await timeEach(6, () => pdfmakeSheet(dto));
    kit.push(...x);
    make.push(...y);
    ratios.push(median(x) / median(y));
  }
  const ratio = median(ratios);
  return [{
    n: '9', figure: `advice sheet PDF, typical sheet (${dto.items.length} modules): PDFKit vs pdfmake, same text and fonts`, goal: '≤ 1.5×',
    measured: `${fmt(ratio, 2)}× (median ${fmt(median(kit))} ms, p95 ${fmt(percentile(kit, 0.95))} ms vs pdfmake ${fmt(median(make))} ms)`,
    verdict: ratio <= 1.5 ? 'pass' : 'miss',
  }];
}
