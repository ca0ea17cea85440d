/** Strings that have broken real systems: injection, encodings, control characters, odd numbers. */
export const NAUGHTY: string[] = [
  '', ' ', '\t', '\n', '\r\n', '  padded  ', 'undefined', 'null', 'NULL', 'nil', 'true', 'false', 'NaN', 'Infinity', '-Infinity',
  '0', '-1', '1e309', '-0', '0x1F', '1.7976931348623157e+309', '99999999999999999999999', '00000000-0000-0000-0000-000000000000',
  "' OR '1'='1", "'; DROP TABLE patients; --", '" OR ""="', '1; SELECT pg_sleep(5)--', "admin'--", '%', '_', '%%%', '\\', '\\\\',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor(\'alert(1)\')()}}',
  '${7*7}', '#{7*7}', '<%= 7*7 %>', '../../../../etc/passwd', '..\\..\\windows\\win.ini', 'file:///etc/passwd', '%2e%2e%2f',
  'a\u0000b', '\u0000', 'line1\r\nSet-Cookie: evil=1', 'Content-Type: text/html\r\n\r\n<h1>x', '\u2028\u2029', '\u200b\u200c\u200d\ufeff',
  '\u202eevil\u202c', 'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ', '👨‍👩‍👧‍👦🏳️‍🌈', '𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐', 'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎',
  'مرحبا بالعالم', 'שלום', '日本語のテキスト', 'Ünïcödé Çafé', 'Zoë O\'Brien-Smith', 'İstanbul', 'ß', 'ﬁ', '\ud800', '\udfff', 'a\ud83d',
  '=1+2', '+441234', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x","y")', '\t=1', '\r=1', "'=1",
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__',
  '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0000-00-00', '2024-02-30', '2024-13-01T25:61:61Z', '-271821-04-20T00:00:00Z',
  'x'.repeat(65), 'x'.repeat(257), 'y'.repeat(2001), 'z'.repeat(20_000), ' '.repeat(300), '\n'.repeat(100),
  'A'.repeat(64) + '-', 'a@b', 'a@b.c', 'not-an-email', '@', 'a@@b.com', '"a b"@example.com', 'x@example.com\r\nBcc: y@example.com',
  '07700 900123', '+44 7700 900123', '0', '999', '112', '+0000000000000000000000000000',
];
