// Which Material Symbols names the app shows, found by reading src/app's templates and TS.
// Shared by src/app/core/icons/subset-icons.mjs (what to put in the font) and src/server/test/app-icons.spec.ts (that the
// shipped font holds every one): an icon missing from the font renders as its name in letters.
import fs from 'node:fs';
import path from 'node:path';

const ICON_NAME = /^[a-z0-9_]+$/;
// Elements whose text is an icon ligature: <mat-icon> and anything with the Material Symbols class.
const ICON_ELEMENTS = [
  /<mat-icon\b([^>]*)>([\s\S]*?)<\/mat-icon>/g,
  /<([a-z][\w-]*)\b[^>]*\bclass="[^"]*\bmaterial-symbols-outlined\b[^"]*"[^>]*>([^<]*)<\/\1>/g,
];
// Icon names held in TS data rather than written in a template: `icon: 'name'` properties and the
// values of objects named `icons`/`ICONS`. Interpolations shown below must read one of these.
const DATA_ICON_PROPERTY = /\bicon\s*:\s*'([^']+)'/g;
const DATA_ICON_MAP = /\b(?:icons|ICONS)\b[^=\n]*=\s*\{([^}]*)\}/g;
const DATA_SOURCE_EXPRESSION = /^[\w.]*\bicon\(\)$|^[\w.]*\.icon$|^icons\[[^\]]+\]$/;

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(html|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

const literals = (expression) => [...expression.matchAll(/'([^']*)'/g)].map((m) => m[1]);

/**
 * Every icon name used under `appDir`, and `problems`: uses whose name cannot be read from the
 * source (an svgIcon, an interpolation of some other data, text that is not an icon name).
 */
export function appIconNames(appDir) {
  const names = new Set();
  const problems = [];
  const add = (name, where) => (ICON_NAME.test(name) ? names.add(name) : problems.push(`${where}: "${name}" is not an icon name`));
  for (const file of sourceFiles(appDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(appDir, file);
    for (const m of text.matchAll(DATA_ICON_PROPERTY)) add(m[1], where);
    for (const m of text.matchAll(DATA_ICON_MAP)) for (const name of literals(m[1])) add(name, where);
    for (const m of text.matchAll(/\bsvgIcon\b/g)) problems.push(`${where}: svgIcon is used but only the icon font is shipped`);
    for (const m of text.matchAll(/\bfontIcon="([^"]*)"/g)) add(m[1], where);
    for (const pattern of ICON_ELEMENTS) {
      for (const m of text.matchAll(pattern)) {
        const content = m[2].trim();
        if (content === '') continue; // e.g. <mat-icon fontIcon="x"></mat-icon>, counted above
        // Control flow (@switch/@if) around plain names: each `{ name }` block is one icon.
        if (content.startsWith('@')) {
          for (const block of content.matchAll(/\{\s*([^{}@]*?)\s*\}/g)) add(block[1], where);
          continue;
        }
        const interpolation = /^\{\{([\s\S]*)\}\}$/.exec(content);
        if (!interpolation) {
          add(content, where);
          continue;
        }
        const expression = interpolation[1].trim();
        // In `test ? 'a' : 'b'` only the branches are icons; the test's own strings are not.
        const quoted = literals(expression.includes('?') ? expression.slice(expression.indexOf('?')) : expression);
        if (quoted.length > 0) quoted.forEach((name) => add(name, where));
        else if (!DATA_SOURCE_EXPRESSION.test(expression)) problems.push(`${where}: cannot tell which icons {{ ${expression} }} shows`);
      }
    }
  }
  return { names: [...names].sort(), problems };
}
