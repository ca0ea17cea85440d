/**
 * The system Chromium (Debian's package) for every browser this repo starts: Playwright's e2e,
 * the resilience XSS part and the benchmark. Nothing downloads a browser here. The flags are the
 * ones a root user on a machine without a GPU or network needs; Karma reads the same JSON list.
 */
import CHROMIUM_FLAGS from './chromium-flags.json';

export const CHROMIUM = process.env['CHROME_BIN'] || '/usr/bin/chromium';
export const CHROMIUM_ARGS: string[] = CHROMIUM_FLAGS;
