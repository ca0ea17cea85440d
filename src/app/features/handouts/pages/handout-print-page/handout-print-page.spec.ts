import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { AdviceModule } from '../../../../../shared/advice';
import { HandoutPrintPageActions } from '../../state/handout-print.actions';
import { handoutPrintFeature } from '../../state/handout-print.feature';
import { handoutFixture } from '../../testing/handout-fixtures';
import { HandoutPrintPage } from './handout-print-page';
import { cssString, printPageCss } from './print-page-style';

describe('HandoutPrintPage', () => {
  let fixture: ComponentFixture<HandoutPrintPage>;
  let store: MockStore;
  let dispatch: jasmine.Spy;
  const hostile: AdviceModule = {
    key: 'custom', title: 'Your own advice', category: 'food',
    blocks: [{ kind: 'paragraph', text: 'Eat well <img src=x onerror=alert(1)> and **rest**.' }],
    conditions: { appliesWhen: [], leaveOutWhen: [] }, source: 's', reviewer: 'r', reviewDate: '2026-11-26',
  };
  const handout = handoutFixture({
    prints: 2,
    header: { ...handoutFixture().header, patientName: 'Anne "Nan" O\'Neill' },
    items: [{ moduleKey: 'custom', versionNo: 1, reason: '', module: hostile, personal: {} }],
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [HandoutPrintPage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: handoutPrintFeature.selectStatus, value: 'loaded' },
            { selector: handoutPrintFeature.selectError, value: null },
            { selector: handoutPrintFeature.selectPrintError, value: null },
            { selector: handoutPrintFeature.selectHandout, value: handout },
            { selector: handoutPrintFeature.selectSections, value: [{ module: hostile, personal: {} }] },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    dispatch = spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(HandoutPrintPage);
    fixture.componentRef.setInput('id', 'h1');
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  const el = () => fixture.nativeElement as HTMLElement;

  it('loads the sheet in the address', () => {
    expect(dispatch).toHaveBeenCalledWith(HandoutPrintPageActions.opened({ id: 'h1' }));
  });

  it('shows advice text literally: bold as <strong>, never HTML from the text', () => {
    const para = el().querySelector('.paper .para');
    expect(para?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(para?.querySelector('img')).toBeNull();
    expect(para?.querySelector('strong')?.textContent).toBe('rest');
  });

  it('prints through the browser and offers the server\'s PDF', () => {
    el().querySelector<HTMLButtonElement>('.toolbar button')?.click();
    expect(dispatch).toHaveBeenCalledWith(HandoutPrintPageActions.printClicked({ id: 'h1' }));
    expect(el().querySelector('a[download]')?.getAttribute('href')).toBe('/api/handouts/h1/pdf');
    expect(el().querySelector('.meta')?.textContent).toContain('Printed 2 times');
  });

  it('puts A4 page rules with the patient and date in the footer while open, and removes them after', () => {
    const style = document.head.querySelector('style[data-cd="handout-print"]');
    expect(style?.textContent).toContain('size: A4');
    expect(style?.textContent).toContain('counter(page) " of " counter(pages)');
    expect(style?.textContent).toContain(cssString('Anne "Nan" O\'Neill  ·  26 November 2026'));
    fixture.destroy();
    expect(document.head.querySelector('style[data-cd="handout-print"]')).toBeNull();
  });

  it('escapes a name so it cannot end the CSS string', () => {
    expect(cssString('a"b\\c\nd</style>')).toBe('"a\\"b\\\\c d\\3C /style>"');
    expect(printPageCss('x')).toContain('@bottom-left { content: "x";');
  });
});
