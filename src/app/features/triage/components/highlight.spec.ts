import { highlightSegments, previewSegments } from './highlight';

describe('highlightSegments', () => {
  it('marks the flagged phrase and keeps the rest as plain text', () => {
    const text = 'Pain and numb down below today';
    const start = text.indexOf('numb');
    expect(highlightSegments(text, [{ start, end: start + 15 }])).toEqual([
      { text: 'Pain and ', flagged: false },
      { text: 'numb down below', flagged: true },
      { text: ' today', flagged: false },
    ]);
  });

  it('merges overlapping ranges and ignores offsets outside the text', () => {
    const segments = highlightSegments('abcdefgh', [{ start: 1, end: 4 }, { start: 3, end: 6 }, { start: 50, end: 60 }]);
    expect(segments).toEqual([
      { text: 'a', flagged: false },
      { text: 'bcdef', flagged: true },
      { text: 'gh', flagged: false },
    ]);
  });

  it('keeps markup in a message as literal text', () => {
    const segments = highlightSegments('<img src=x onerror=alert(1)>', []);
    expect(segments).toEqual([{ text: '<img src=x onerror=alert(1)>', flagged: false }]);
  });
});

describe('previewSegments', () => {
  it('starts the preview near a flag that sits beyond the first line', () => {
    const text = `${'x'.repeat(300)} can't pee properly`;
    const start = text.indexOf("can't pee");
    const segments = previewSegments(text, [{ start, end: start + 9 }], 140);
    expect(segments[0]).toEqual({ text: '…', flagged: false });
    expect(segments.some((s) => s.flagged && s.text === "can't pee")).toBeTrue();
  });
});
