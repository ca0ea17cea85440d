import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+44 7700 900123')).toBe(`'+44 7700 900123`);
    expect(csvCell('-1')).toBe(`'-1`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
  });

  it('leaves numbers, including negative numbers, as numbers', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.25)).toBe('0.25');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Smith, John')).toBe('"Smith, John"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('builds a whole file with a header row and CRLF line ends', () => {
    expect(toCsv(['day', 'count'], [['2026-11-02', 4], ['2026-11-03', null]])).toBe('day,count\r\n2026-11-02,4\r\n2026-11-03,\r\n');
  });
});
