import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AdviceModule } from '../../../../../shared/advice';
import { handoutFixture, shipped } from '../../testing/handout-fixtures';
import { HandoutSheet, type SheetSection } from './handout-sheet';

describe('HandoutSheet', () => {
  let fixture: ComponentFixture<HandoutSheet>;
  const header = handoutFixture().header;

  function render(sections: SheetSection[], largePrint = false, withHeader = true): HTMLElement {
    fixture = TestBed.createComponent(HandoutSheet);
    fixture.componentRef.setInput('header', withHeader ? header : null);
    fixture.componentRef.setInput('sections', sections);
    fixture.componentRef.setInput('largePrint', largePrint);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const textModule = (text: string): AdviceModule => ({
    key: 'custom', title: 'Custom', category: 'food', blocks: [{ kind: 'paragraph', text }],
    conditions: { appliesWhen: [], leaveOutWhen: [] }, source: 's', reviewer: 'r', reviewDate: '2026-11-26',
  });

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [HandoutSheet], providers: [provideZonelessChangeDetection()] });
  });

  it('heads the sheet with the centre, the patient, the clinician and the date', () => {
    const el = render([]);
    expect(el.querySelector('.centre-name')?.textContent).toContain('Riverside Chiropractic');
    expect(el.querySelector('.centre-contact')?.textContent).toContain('0117 496 0000');
    expect(el.querySelector('h1')?.textContent).toContain('Home advice for Claire Morris');
    expect(el.querySelector('.from')?.textContent).toContain('From Dr Anna Hughes');
    expect(el.querySelector('.from')?.textContent).toContain('26 November 2026');
  });

  it('draws **bold** runs as <strong> elements', () => {
    const el = render([{ module: textModule('A stretch should feel **firm but not painful** today.'), personal: {} }]);
    const strong = el.querySelectorAll('.para strong');
    expect(strong.length).toBe(1);
    expect(strong[0]?.textContent).toBe('firm but not painful');
    expect(el.querySelector('.para')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('A stretch should feel firm but not painful today.');
  });

  it('shows markup in advice text literally and never as HTML', () => {
    const el = render([{ module: textModule('Look <img src=x onerror=alert(1)> and **<b>bold</b>**'), personal: { note: '<script>x()</script>' } }]);
    expect(el.querySelector('img[src="x"]')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('.para')?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(el.querySelector('.para strong')?.textContent).toBe('<b>bold</b>');
    expect(el.querySelector('.note')?.textContent).toContain('<script>x()</script>');
  });

  it('numbers the steps, boxes the dose with this patient\'s changes and shows the drawing', () => {
    const el = render([{ module: shipped('calf-stretch-wall'), personal: { side: 'left', holdSeconds: 40, note: 'Gently at first.' } }]);
    expect(el.querySelectorAll('ol.steps li').length).toBe(7);
    const dose = el.querySelector('.dose')?.textContent ?? '';
    expect(dose).toContain('Hold for 40 seconds each time.');
    expect(dose).toContain('Repeat 3 times on your left side.');
    const img = el.querySelector<HTMLImageElement>('img.drawing');
    expect(img?.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(img?.alt).toContain('Calf stretch at a wall');
    expect(el.querySelector('.note')?.textContent).toContain('Note from your chiropractor: Gently at first.');
  });

  it('puts "when to get help" in its own box with 999 and 111 side by side', () => {
    const el = render([{ module: shipped('when-to-get-help'), personal: {} }]);
    const help = el.querySelector('section.help');
    expect(help).not.toBeNull();
    const pair = help?.querySelectorAll('.help-pair > .help-group') ?? [];
    expect(pair.length).toBe(2);
    expect(pair[0]?.textContent).toContain('999');
    expect(pair[1]?.textContent).toContain('111');
  });

  it('marks large print and can leave the heading out for a module preview', () => {
    const el = render([{ module: shipped('salt'), personal: {} }], true, false);
    expect(el.classList).toContain('large-print');
    expect(el.querySelector('h1')).toBeNull();
    expect(el.querySelector('h2')?.textContent).toContain(shipped('salt').title);
  });
});
