import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import {
  BODY_REGIONS, BODY_SYMPTOMS, BODY_VIEWS, CRAMP_SITE_BODY_REGION, CRAMP_SITES, LABELS,
  type BodyMark, type BodyRegionId, type BodySymptom, type BodyView, type CrampSite, type Side,
} from '../../../../../shared/exam';
import { BODY_SHAPES, type BodyShape, type ShapeSide, VIEW_HEIGHT, VIEW_WIDTH } from './body-shapes';

export interface CrampSiteMarked {
  site: CrampSite;
  side: Side | null;
}

const MIDLINE = new Set<BodyRegionId>(BODY_REGIONS.filter((r) => r.midline).map((r) => r.id));

/** The side after clicking one shape: a second side makes both, clicking a marked side takes it away. */
export function toggledSide(current: Side | null, clicked: ShapeSide): Side | null {
  if (clicked === 'central') return current === null ? 'central' : null;
  if (current === null) return clicked;
  if (current === clicked) return null;
  if (current === 'bilateral') return clicked === 'left' ? 'right' : 'left';
  if (current === 'central') return clicked;
  return 'bilateral';
}

/** Whether a mark covers a shape: both sides cover each side; any mark on a midline region covers it. */
function covers(mark: BodyMark, shape: BodyShape): boolean {
  if (mark.regionId !== shape.regionId || mark.view !== shape.view) return false;
  if (shape.side === 'central') return true;
  return mark.side === shape.side || mark.side === 'bilateral';
}

/** A cramp mark belongs to a cramp site; which site does this region stand for in this view? */
function crampSiteAt(regionId: BodyRegionId, view: BodyView): CrampSite | null {
  return CRAMP_SITES.find((s) => CRAMP_SITE_BODY_REGION[s].regionId === regionId && CRAMP_SITE_BODY_REGION[s].view === view) ?? null;
}

interface ListRow {
  regionId: BodyRegionId;
  label: string;
  midline: boolean;
}

/**
 * Front and back outlines; click a region to mark the chosen symptom on that side. Cramp marks
 * come from the cramp sites, so marking cramp here ticks the site instead (the page keeps the two
 * in step). The checkbox list beside it does the same for keyboard and screen-reader users.
 */
@Component({
  selector: 'cd-body-chart',
  imports: [MatButtonToggleGroup, MatButtonToggle],
  templateUrl: './body-chart.html',
  styleUrl: './body-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BodyChart {
  readonly marks = input.required<readonly BodyMark[]>();
  readonly crampSides = input<Partial<Record<CrampSite, Side | null>>>({});
  readonly readonly = input(false);
  readonly marksChange = output<BodyMark[]>();
  readonly crampSiteChange = output<CrampSiteMarked>();

  protected readonly views = BODY_VIEWS;
  protected readonly symptoms = BODY_SYMPTOMS;
  protected readonly labels = LABELS;
  protected readonly viewBox = `0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`;
  protected readonly symptom = signal<BodySymptom>('pain');
  protected readonly notice = signal<string | null>(null);

  protected readonly shapes = computed(() => {
    const marks = this.marks();
    return BODY_VIEWS.map((view) => ({
      view,
      shapes: BODY_SHAPES.filter((s) => s.view === view).map((shape) => {
        const on = marks.filter((m) => covers(m, shape));
        const symptoms = BODY_SYMPTOMS.filter((sym) => on.some((m) => m.symptom === sym));
        const name = `${LABELS.bodyRegion[shape.regionId]}${shape.side === 'central' ? '' : `, ${shape.side}`}`;
        return {
          shape,
          symptom: symptoms[0] ?? null,
          title: symptoms.length ? `${name}: ${symptoms.map((s) => LABELS.bodySymptom[s].toLowerCase()).join(', ')}` : name,
        };
      }),
    }));
  });

  /** The checkbox list, per view, for the chosen symptom. */
  protected readonly listRows = computed(() =>
    BODY_VIEWS.map((view) => ({
      view,
      rows: BODY_REGIONS.filter((r) => r.views.includes(view)).map(
        (r): ListRow => ({ regionId: r.id, label: LABELS.bodyRegion[r.id], midline: r.midline }),
      ),
    })),
  );

  protected readonly summary = computed(() =>
    this.marks().map((m) => `${LABELS.bodyRegion[m.regionId]} (${LABELS.bodyView[m.view].toLowerCase()}), ${LABELS.side[m.side].toLowerCase()}: ${LABELS.bodySymptom[m.symptom].toLowerCase()}`),
  );

  protected isChecked(regionId: BodyRegionId, view: BodyView, side: ShapeSide): boolean {
    const mark = this.marks().find((m) => m.regionId === regionId && m.view === view && m.symptom === this.symptom());
    if (!mark) return false;
    if (side === 'central') return true;
    return mark.side === side || mark.side === 'bilateral';
  }

  protected chooseSymptom(symptom: BodySymptom): void {
    this.symptom.set(symptom);
    this.notice.set(null);
  }

  protected toggle(regionId: BodyRegionId, view: BodyView, side: ShapeSide): void {
    if (this.readonly()) return;
    const symptom = this.symptom();
    if (symptom === 'cramp') {
      this.toggleCramp(regionId, view, side);
      return;
    }
    const marks = [...this.marks()];
    const index = marks.findIndex((m) => m.regionId === regionId && m.view === view && m.symptom === symptom);
    const current = index >= 0 ? marks[index]!.side : null;
    const next = MIDLINE.has(regionId) ? (current === null ? 'central' : null) : toggledSide(current, side);
    if (index >= 0) marks.splice(index, 1);
    if (next !== null) marks.push({ regionId, view, side: next, symptom });
    this.notice.set(null);
    this.marksChange.emit(marks);
  }

  private toggleCramp(regionId: BodyRegionId, view: BodyView, side: ShapeSide): void {
    const site = crampSiteAt(regionId, view);
    if (site === null) {
      const where = CRAMP_SITES.map((s) => `${LABELS.bodyRegion[CRAMP_SITE_BODY_REGION[s].regionId].toLowerCase()} (${CRAMP_SITE_BODY_REGION[s].view})`);
      this.notice.set(`Cramp is marked through the cramp sites: ${[...new Set(where)].join(', ')}.`);
      return;
    }
    const current = this.crampSides()[site] ?? null;
    const ticked = site in this.crampSides();
    const next = MIDLINE.has(regionId) ? (ticked ? null : 'central') : toggledSide(current, side);
    this.notice.set(null);
    this.crampSiteChange.emit({ site, side: next });
  }

  protected crampSiteFor(regionId: BodyRegionId, view: BodyView): boolean {
    return crampSiteAt(regionId, view) !== null;
  }
}
