import { DRAWING_IDS } from './advice-model';
import { DEFAULT_MODULES } from './default-modules';
import { DRAWINGS, drawingDataUri, drawingFor, isDrawingId } from './drawings';

interface Tag {
  name: string;
  kind: 'open' | 'close' | 'self';
  attrs: Map<string, string>;
}

/**
 * A small, strict tokenizer for the SVG subset the drawings use: elements with double-quoted
 * attributes and plain text. Anything it cannot read (comments, CDATA, processing instructions,
 * entities other than the five XML ones) fails the spec, which is the point: the drawings stay
 * simple enough to check.
 */
function tokenize(svg: string): { tags: Tag[]; text: string[] } {
  const tags: Tag[] = [];
  const text: string[] = [];
  let rest = svg;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    if (lt < 0) {
      text.push(rest);
      break;
    }
    if (lt > 0) text.push(rest.slice(0, lt));
    const gt = rest.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const raw = rest.slice(lt + 1, gt);
    rest = rest.slice(gt + 1);
    const m = /^(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)$/.exec(raw);
    if (m === null) throw new Error(`unreadable tag <${raw}>`);
    const attrs = new Map<string, string>();
    for (const a of (m[3] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (attrs.has(a[1] ?? '')) throw new Error(`duplicate attribute ${a[1]}`);
      attrs.set(a[1] ?? '', a[2] ?? '');
    }
    const kind = m[1] === '/' ? 'close' : m[4] === '/' ? 'self' : 'open';
    tags.push({ name: m[2] ?? '', kind, attrs });
  }
  for (const t of text) if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(t)) throw new Error(`bare & in text: ${t}`);
  return { tags, text };
}

const ALLOWED_ELEMENTS = new Set(['svg', 'title', 'desc', 'g', 'path', 'circle', 'ellipse', 'line', 'rect', 'polyline', 'polygon']);

describe('advice/drawings', () => {
  it('has a drawing for every id, including both calf stretches', () => {
    expect(Object.keys(DRAWINGS).sort()).toEqual([...DRAWING_IDS].sort());
    expect(DRAWING_IDS).toContain('calf-stretch-wall');
    expect(DRAWING_IDS).toContain('heel-drop-step');
  });

  it('every illustration a shipped module names exists', () => {
    for (const m of DEFAULT_MODULES) {
      if (m.illustration !== undefined) expect(isDrawingId(m.illustration)).withContext(m.key).toBeTrue();
    }
    expect(DEFAULT_MODULES.find((m) => m.key === 'calf-stretch-wall')?.illustration).toBe('calf-stretch-wall');
    expect(DEFAULT_MODULES.find((m) => m.key === 'heel-drop-step')?.illustration).toBe('heel-drop-step');
  });

  for (const id of DRAWING_IDS) {
    describe(id, () => {
      const drawing = drawingFor(id);
      const { tags, text } = tokenize(drawing.svg);

      it('is one balanced <svg> element', () => {
        const stack: string[] = [];
        for (const t of tags) {
          if (t.kind === 'open') stack.push(t.name);
          else if (t.kind === 'close') expect(stack.pop()).withContext(`</${t.name}>`).toBe(t.name);
          else expect(stack.length).withContext(`<${t.name}/> outside the root`).toBeGreaterThan(0);
          if (t.kind !== 'close' && t.name === 'svg') expect(stack.length).withContext('nested svg').toBeLessThanOrEqual(1);
        }
        expect(stack).toEqual([]);
        expect(tags[0]?.name).toBe('svg');
        expect(tags[tags.length - 1]).toEqual(jasmine.objectContaining({ name: 'svg', kind: 'close' }));
        expect(text.join('').replace(drawing.title, '').replace(drawing.description, '').trim()).toBe('');
      });

      it('has the SVG namespace, the 240 × 180 viewBox and an accessible title first', () => {
        const root = tags[0];
        expect(root?.attrs.get('xmlns')).toBe('http://www.w3.org/2000/svg');
        expect(root?.attrs.get('viewBox')).toBe('0 0 240 180');
        expect(root?.attrs.get('role')).toBe('img');
        expect(tags[1]?.name).toBe('title');
        expect(drawing.svg).toContain(`<title>${drawing.title}</title>`);
        expect(drawing.title.length).toBeGreaterThan(5);
        expect(drawing.description.length).toBeGreaterThan(20);
      });

      it('uses only simple shapes: no script, event handlers, links or external references', () => {
        for (const t of tags) {
          expect(ALLOWED_ELEMENTS.has(t.name)).withContext(`<${t.name}>`).toBeTrue();
          for (const [name, value] of t.attrs) {
            expect(/^on/i.test(name)).withContext(name).toBeFalse();
            expect(/href$/i.test(name)).withContext(name).toBeFalse();
            expect(name).not.toBe('style');
            expect(/url\(|javascript:|data:|https?:/i.test(value) && name !== 'xmlns').withContext(`${name}="${value}"`).toBeFalse();
          }
        }
        expect(drawing.svg).not.toMatch(/<script|<foreignObject|<image|<use|<!|<\?/i);
      });

      it('is a single-colour stroke drawing', () => {
        const root = tags[0];
        expect(root?.attrs.get('stroke')).toBe('currentColor');
        expect(root?.attrs.get('fill')).toBe('none');
        for (const t of tags.slice(1)) {
          for (const attr of ['stroke', 'fill', 'color']) expect(t.attrs.has(attr)).withContext(`${t.name} ${attr}`).toBeFalse();
        }
        expect(tags.filter((t) => t.name !== 'svg' && t.name !== 'title' && t.name !== 'desc' && t.name !== 'g').length).toBeGreaterThan(5);
      });

      it('keeps its coordinates inside the viewBox', () => {
        for (const t of tags) {
          for (const attr of ['cx', 'x', 'x1', 'x2']) {
            const v = t.attrs.get(attr);
            if (v !== undefined) expect(Number(v)).toBeLessThanOrEqual(240);
          }
          for (const attr of ['cy', 'y', 'y1', 'y2']) {
            const v = t.attrs.get(attr);
            if (v !== undefined) expect(Number(v)).toBeLessThanOrEqual(180);
          }
          const d = t.attrs.get('d');
          if (d !== undefined) {
            // Absolute commands only carry absolute points; relative offsets are small by design.
            for (const n of d.match(/-?\d+(?:\.\d+)?/g) ?? []) {
              expect(Number(n)).toBeGreaterThanOrEqual(-20);
              expect(Number(n)).toBeLessThanOrEqual(240);
            }
          }
        }
      });

      it('can be used as an <img> data URI', () => {
        const uri = drawingDataUri(id);
        expect(uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBeTrue();
        expect(decodeURIComponent(uri.slice(uri.indexOf(',') + 1))).toBe(drawing.svg);
      });
    });
  }

  it('recognises drawing ids', () => {
    expect(isDrawingId('bridge')).toBeTrue();
    expect(isDrawingId('toString')).toBeFalse();
  });
});
