/** A CSS string literal holding `text` exactly (patient names are data, never CSS). */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n\f]/g, ' ').replace(/</g, '\\3C ')}"`;
}

/**
 * The paper rules for the print view, added to the document only while it is open (so printing
 * any other page is untouched). Page numbers and the footer sit in the @page margin boxes, which
 * Chromium draws since version 131; the footer names the patient and the date on every page.
 */
export function printPageCss(footer: string, largePrint = false): string {
  const small = `font-family: Roboto, "Helvetica Neue", Arial, sans-serif; font-size: ${largePrint ? '12pt' : '8.5pt'}; color: #4b5563;`;
  return [
    '@page {',
    '  size: A4;',
    '  margin: 16mm 15mm 18mm;',
    `  @bottom-left { content: ${cssString(footer)}; ${small} vertical-align: top; padding-top: 4mm; }`,
    `  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${small} vertical-align: top; padding-top: 4mm; }`,
    '}',
    '@media print {',
    '  html, body { background: #fff !important; }',
    '}',
  ].join('\n');
}
