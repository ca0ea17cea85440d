import { BODY_REGIONS, type BodyRegionId, type BodyView } from '../../../../../shared/exam';

/** Which shape a click lands on: one side of a paired region, or the single midline shape. */
export type ShapeSide = 'left' | 'right' | 'central';

export interface BodyShape {
  /** Unique in the page: `${view}-${regionId}` or `${view}-${regionId}-${side}`. */
  id: string;
  regionId: BodyRegionId;
  view: BodyView;
  side: ShapeSide;
  kind: 'rect' | 'ellipse';
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
}

type Geometry = Pick<BodyShape, 'kind' | 'x' | 'y' | 'w' | 'h' | 'r'>;
const rect = (x: number, y: number, w: number, h: number, r = 6): Geometry => ({ kind: 'rect', x, y, w, h, r });
/** Ellipses are stored by their bounding box so mirroring treats both kinds alike. */
const oval = (cx: number, cy: number, rx: number, ry: number): Geometry => ({ kind: 'ellipse', x: cx - rx, y: cy - ry, w: rx * 2, h: ry * 2, r: 0 });

export const VIEW_WIDTH = 200;
export const VIEW_HEIGHT = 390;

/** Midline shapes, per view. */
const MIDLINE: Partial<Record<BodyRegionId, Partial<Record<BodyView, Geometry>>>> = {
  head: { front: oval(100, 34, 21, 25), back: oval(100, 34, 21, 25) },
  neck: { front: rect(89, 58, 22, 14, 4), back: rect(89, 58, 22, 14, 4) },
  chest: { front: rect(72, 72, 56, 56, 12) },
  abdomen: { front: rect(74, 129, 52, 40, 8) },
  'upper-back': { back: rect(72, 72, 56, 37, 12) },
  'mid-back': { back: rect(74, 110, 52, 29, 4) },
  'low-back': { back: rect(74, 140, 52, 29, 8) },
};

/** Paired shapes drawn on the viewer's left; the other side is their mirror image. */
const PAIRED: Partial<Record<BodyRegionId, Partial<Record<BodyView, Geometry>>>> = {
  shoulder: { front: oval(61, 82, 13, 11), back: oval(61, 82, 13, 11) },
  'upper-arm': { front: rect(44, 93, 17, 49, 8), back: rect(44, 93, 17, 49, 8) },
  elbow: { front: rect(42, 143, 17, 13, 6), back: rect(42, 143, 17, 13, 6) },
  forearm: { front: rect(38, 157, 17, 47, 8), back: rect(38, 157, 17, 47, 8) },
  hand: { front: oval(45, 217, 9, 12), back: oval(45, 217, 9, 12) },
  hip: { front: rect(70, 170, 17, 27, 6) },
  groin: { front: rect(88, 170, 11, 27, 4) },
  buttock: { back: rect(72, 170, 27, 30, 12) },
  'front-thigh': { front: rect(73, 199, 25, 64, 10) },
  'back-thigh': { back: rect(73, 202, 25, 61, 10) },
  knee: { front: oval(85, 274, 12, 10), back: oval(85, 274, 12, 10) },
  shin: { front: rect(76, 286, 18, 62, 8) },
  calf: { back: rect(75, 286, 20, 62, 9) },
  ankle: { front: rect(78, 349, 14, 10, 4), back: rect(78, 349, 14, 10, 4) },
  foot: { front: oval(83, 370, 13, 9), back: oval(85, 368, 9, 8) },
};

function mirror(g: Geometry): Geometry {
  return { ...g, x: VIEW_WIDTH - g.x - g.w };
}

/**
 * Every clickable shape. Facing us (front) the patient's right is on our left; from behind
 * (back) their left is on our left. Sides are always the patient's own.
 */
function buildShapes(): BodyShape[] {
  const shapes: BodyShape[] = [];
  for (const region of BODY_REGIONS) {
    for (const view of region.views) {
      const mid = MIDLINE[region.id]?.[view];
      if (mid) {
        shapes.push({ id: `${view}-${region.id}`, regionId: region.id, view, side: 'central', ...mid });
        continue;
      }
      const g = PAIRED[region.id]?.[view];
      if (!g) continue;
      const viewerLeft: ShapeSide = view === 'front' ? 'right' : 'left';
      const viewerRight: ShapeSide = view === 'front' ? 'left' : 'right';
      shapes.push({ id: `${view}-${region.id}-${viewerLeft}`, regionId: region.id, view, side: viewerLeft, ...g });
      shapes.push({ id: `${view}-${region.id}-${viewerRight}`, regionId: region.id, view, side: viewerRight, ...mirror(g) });
    }
  }
  return shapes;
}

export const BODY_SHAPES: readonly BodyShape[] = buildShapes();
