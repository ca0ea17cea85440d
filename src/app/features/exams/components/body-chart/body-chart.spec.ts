import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { BODY_REGIONS, CRAMP_SITE_BODY_REGION, type BodyMark, type CrampSite, type Side } from '../../../../../shared/exam';
import { BODY_SHAPES } from './body-shapes';
import { BodyChart, type CrampSiteMarked, toggledSide } from './body-chart';

@Component({
  imports: [BodyChart],
  template: `<cd-body-chart [marks]="marks()" [crampSides]="sides()" [readonly]="readonly()" (marksChange)="marks.set($event)" (crampSiteChange)="cramp.push($event)" />`,
})
class Host {
  readonly marks = signal<BodyMark[]>([]);
  readonly sides = signal<Partial<Record<CrampSite, Side | null>>>({});
  readonly cramp: CrampSiteMarked[] = [];
  readonly readonly = signal(false);
}

describe('BodyChart', () => {
  let fixture: ComponentFixture<Host>;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [Host], providers: [provideZonelessChangeDetection()] }).compileComponents();
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it('draws a shape for every region and view the model lists, ids matching the regions', () => {
    for (const region of BODY_REGIONS) {
      for (const view of region.views) {
        expect(el().querySelector(`svg [data-region="${region.id}"][id^="${view}-"]`)).withContext(`${view} ${region.id}`).not.toBeNull();
      }
    }
    for (const { regionId, view } of Object.values(CRAMP_SITE_BODY_REGION)) {
      expect(BODY_SHAPES.some((s) => s.regionId === regionId && s.view === view)).toBeTrue();
    }
  });

  it('marks the side clicked; clicking the other side makes it both sides', async () => {
    el().querySelector<SVGElement>('#front-knee-left')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fixture.componentInstance.marks()).toEqual([{ regionId: 'knee', view: 'front', side: 'left', symptom: 'pain' }]);
    await fixture.whenStable();
    el().querySelector<SVGElement>('#front-knee-right')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fixture.componentInstance.marks()).toEqual([{ regionId: 'knee', view: 'front', side: 'bilateral', symptom: 'pain' }]);
    await fixture.whenStable();
    expect(el().querySelector('#front-knee-left')!.getAttribute('data-symptom')).toBe('pain');
    expect(el().querySelector('.summary')?.textContent).toContain('Knee (front), both sides: pain');
  });

  it('offers the same marks as checkboxes', async () => {
    const box = el().querySelector<HTMLInputElement>('input[aria-label="Low back, back"]')!;
    box.click();
    expect(fixture.componentInstance.marks()).toEqual([{ regionId: 'low-back', view: 'back', side: 'central', symptom: 'pain' }]);
    await fixture.whenStable();
    expect(box.checked).toBeTrue();
  });

  it('on a signed visit the checkboxes are disabled too, not only the drawing', async () => {
    fixture.componentInstance.readonly.set(true);
    await fixture.whenStable();
    const boxes = Array.from(el().querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every((box) => box.disabled)).toBeTrue();
    el().querySelector<SVGElement>('#front-knee-left')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fixture.componentInstance.marks()).toEqual([]);
  });

  it('marks cramp through the cramp sites, so the two stay in step', async () => {
    const cramp = Array.from(el().querySelectorAll<HTMLButtonElement>('.symptoms button')).find((b) => b.textContent?.includes('Cramp'))!;
    cramp.click();
    await fixture.whenStable();
    el().querySelector<SVGElement>('#back-calf-left')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fixture.componentInstance.cramp).toEqual([{ site: 'calf', side: 'left' }]);
    expect(fixture.componentInstance.marks()).toEqual([]);
  });

  it('turns sides over as a clinician expects', () => {
    expect(toggledSide(null, 'left')).toBe('left');
    expect(toggledSide('left', 'left')).toBeNull();
    expect(toggledSide('left', 'right')).toBe('bilateral');
    expect(toggledSide('bilateral', 'left')).toBe('right');
  });
});
