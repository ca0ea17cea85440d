// The app ships a subset of the Material Symbols font (src/app/core/icons/subset-icons.mjs). An icon used in
// src/app but missing from it renders as its name spelt out in letters, so this fails first.
import fs from 'node:fs';
import path from 'node:path';
import { appIconNames } from '../../app/core/icons/app-icons.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'src/app/core/icons/material-symbols-subset.json'), 'utf8')) as { icons: string[] };

describe('icons shipped in the subset font', () => {
  it('hold every icon src/app uses (else run: node src/app/core/icons/subset-icons.mjs)', () => {
    const { names, problems } = appIconNames(path.join(root, 'src/app'));
    expect(problems).withContext('icon uses the scanner cannot read').toEqual([]);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name) => !manifest.icons.includes(name))).withContext('used but not in the font').toEqual([]);
  });

  it('finds icons in templates, control flow, interpolations and TS data, and refuses what it cannot read', () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'icons-'));
    fs.writeFileSync(path.join(dir, 'a.html'), [
      '<mat-icon matSuffix>\n  search\n</mat-icon>',
      '<span class="x material-symbols-outlined" aria-hidden="true">{{ on() === \'gp\' ? \'light_mode\' : \'dark_mode\' }}</span>',
      '<span class="material-symbols-outlined">@if (a) { alarm } @else { timer }</span>',
      '<mat-icon fontIcon="home"></mat-icon>',
      '<span class="material-symbols-outlined">{{ link.icon }}</span>',
      '<span class="material-symbols-outlined">{{ somethingElse }}</span>',
      '<mat-icon svgIcon="logo"></mat-icon>',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "const links = [{ icon: 'inbox' }];\nconst ICONS = { a: 'emergency_home', b: 'schedule' };\n");
    fs.writeFileSync(path.join(dir, 'a.spec.ts'), "const ignored = { icon: 'not_scanned' };\n");
    try {
      const { names, problems } = appIconNames(dir);
      expect(names).toEqual(['alarm', 'dark_mode', 'emergency_home', 'home', 'inbox', 'light_mode', 'schedule', 'search', 'timer']);
      expect(problems.length).toBe(2);
      expect(problems.join('\n')).toContain('{{ somethingElse }}');
      expect(problems.join('\n')).toContain('svgIcon');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
