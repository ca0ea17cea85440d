#!/usr/bin/env node
// Rebuilds src/app/core/icons/material-symbols-subset.woff2: the Material Symbols Outlined font cut
// down to the icons src/app uses (src/app/core/icons/app-icons.mjs), pinned to the default instance (FILL 0,
// wght 400, GRAD 0, opsz 24), with their ligatures. The whole font is 3.8 MB and was the largest
// thing on every signed-in page; this one is a few kB. Run it after using a new icon (the Node spec
// src/server/test/app-icons.spec.ts fails until you do):
//
//     node src/app/core/icons/subset-icons.mjs
//
// Needs the dev dependency `subset-font` (HarfBuzz's hb-subset as wasm, with `harfbuzzjs`).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appIconNames } from './app-icons.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const require = createRequire(path.join(root, 'package.json'));
const source = require.resolve('material-symbols/material-symbols-outlined.woff2');
export const SUBSET_FONT = path.join(root, 'src/app/core/icons/material-symbols-subset.woff2');
export const SUBSET_MANIFEST = path.join(root, 'src/app/core/icons/material-symbols-subset.json');
const DEFAULT_INSTANCE = { FILL: 0, wght: 400, GRAD: 0, opsz: 24 };

async function load() {
  try {
    const subsetFont = require('subset-font');
    // harfbuzzjs (shaping) and fontverter (woff2 ↔ TrueType) come with subset-font.
    const paths = [path.dirname(require.resolve('subset-font'))];
    const hb = await import(require.resolve('harfbuzzjs', { paths }));
    const fontverter = require(require.resolve('fontverter', { paths }));
    return { subsetFont, hb, toTtf: (data) => fontverter.convert(data, 'truetype') };
  } catch {
    console.error('src/app/core/icons/subset-icons.mjs needs the dev dependency subset-font: npm install --save-dev subset-font@2.9.0');
    process.exit(1);
  }
}

/** The glyph each name shapes to with ligatures on, or undefined when it stays several letters. */
function ligatureGlyphs(hb, fontData, names) {
  const font = new hb.Font(new hb.Face(new hb.Blob(fontData)));
  return new Map(names.map((name) => {
    const buffer = new hb.Buffer();
    buffer.addText(name);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const glyphs = buffer.getGlyphInfos();
    return [name, glyphs.length === 1 && glyphs[0].codepoint !== 0 ? glyphs[0].codepoint : undefined];
  }));
}

async function main() {
  const { subsetFont, hb, toTtf } = await load();
  const { names, problems } = appIconNames(path.join(root, 'src/app'));
  if (problems.length > 0) throw new Error(`icon uses the scanner cannot read:\n  ${problems.join('\n  ')}`);
  const full = fs.readFileSync(source);
  // HarfBuzz reads TrueType, so decode the woff2 first.
  const fullTtf = await toTtf(full);
  const glyphOf = ligatureGlyphs(hb, fullTtf, names);
  const notIcons = names.filter((name) => glyphOf.get(name) === undefined);
  if (notIcons.length > 0) throw new Error(`not Material Symbols icons: ${notIcons.join(', ')}`);

  // Each icon glyph also has a private-use code point; keeping those code points (and the letters)
  // without HarfBuzz's layout closure keeps exactly these icons' ligatures, where keeping the letters
  // alone would keep every one of the font's ~3,800 icons (each is spelt with the same letters).
  const fullFont = new hb.Font(new hb.Face(new hb.Blob(fullTtf)));
  const wanted = new Set(glyphOf.values());
  const privateUse = [...new hb.Face(new hb.Blob(fullTtf)).collectUnicodes()].filter((cp) => wanted.has(fullFont.nominalGlyph(cp)));
  const letters = new Set(names.join(''));
  const text = [...letters].join('') + String.fromCodePoint(...privateUse);
  const subset = await subsetFont(full, text, { targetFormat: 'woff2', noLayoutClosure: true, variationAxes: DEFAULT_INSTANCE });

  // Check the result the way the browser will use it: every name must still shape to one glyph.
  const lost = [...ligatureGlyphs(hb, await toTtf(subset), names)]
    .filter(([, glyph]) => glyph === undefined).map(([name]) => name);
  if (lost.length > 0) throw new Error(`the subset lost the ligatures of: ${lost.join(', ')}`);
  fs.writeFileSync(SUBSET_FONT, subset);
  fs.writeFileSync(SUBSET_MANIFEST, `${JSON.stringify({ source: 'material-symbols/material-symbols-outlined.woff2', instance: DEFAULT_INSTANCE, icons: names }, null, 2)}\n`);
  console.log(`${names.length} icons, ${full.length} → ${subset.length} bytes: ${path.relative(root, SUBSET_FONT)}`);
}

await main();
