/**
 * Line drawings made for Clinic Desk's advice sheets, as SVG text.
 *
 * Every drawing is a single-colour stroke drawing on a 240 × 180 viewBox with a <title>, so it
 * prints cleanly in black on any printer, scales to any size, and is announced by screen readers.
 * Strokes use `currentColor` and the root sets `color`, so the drawing takes the text colour when
 * inlined and still shows dark grey when used as an <img> or embedded in a PDF.
 *
 * They are static strings with no scripts, event attributes, links or external references; the
 * spec checks this. The UI can use `drawingDataUri` in an <img src>, which needs no innerHTML.
 */
import { DRAWING_IDS, type DrawingId } from './advice-model';

export interface Drawing {
  id: DrawingId;
  /** Short accessible name, also the SVG <title>. */
  title: string;
  /** One sentence describing the picture, for alt text where the title is not enough. */
  description: string;
  svg: string;
}

const INK = '#1f2a37';

/** Wraps the drawing body in the shared root: viewBox, colour, stroke style, title and desc. */
function svg(title: string, description: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180" width="240" height="180" role="img" color="${INK}"`,
    ` fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">`,
    `<title>${title}</title>`,
    `<desc>${description}</desc>`,
    body,
    `</svg>`,
  ].join('');
}

/** An arrow head at (x, y) pointing in direction `deg` (0 = right, 90 = down). */
function arrowHead(x: number, y: number, deg: number): string {
  const rad = (deg * Math.PI) / 180;
  const back = (a: number): string => {
    const ax = x - 9 * Math.cos(rad + a);
    const ay = y - 9 * Math.sin(rad + a);
    return `${ax.toFixed(1)} ${ay.toFixed(1)}`;
  };
  return `<path d="M${back(0.5)} L${x} ${y} L${back(-0.5)}" stroke-width="2.5"/>`;
}

const CALF_STRETCH_WALL_BODY = [
    // Floor and wall, drawn thinner than the person so the figure reads first.
    `<g stroke-width="2">`,
    `<path d="M12 164 H228"/>`,
    `<path d="M206 14 V164"/>`,
    `<path d="M206 30 l12 -10 M206 60 l12 -10 M206 90 l12 -10 M206 120 l12 -10 M206 150 l12 -10"/>`,
    `</g>`,
    // Head, body leaning in, arms to the wall.
    `<circle cx="166" cy="38" r="11"/>`,
    `<path d="M158 49 L122 100"/>`,
    `<path d="M154 56 L178 70 L204 58"/>`,
    `<path d="M150 62 L174 78 L204 70"/>`,
    // Front leg bent, foot flat.
    `<path d="M122 100 L156 128 L150 162 L166 162"/>`,
    // Back leg straight, heel down.
    `<path d="M122 100 L72 160 L90 162"/>`,
    `<path d="M66 163 L72 160"/>`,
    // Where the stretch is felt, and the heel kept down.
    `<ellipse cx="88" cy="138" rx="9" ry="15" transform="rotate(40 88 138)" stroke-width="2" stroke-dasharray="4 4"/>`,
    `<path d="M58 128 V150" stroke-width="2.5"/>`,
    arrowHead(58, 152, 90),
  ].join('');

const HEEL_DROP_STEP_BODY = [
    `<g stroke-width="2">`,
    `<path d="M12 164 H228"/>`,
    // Bottom stair with the next stair behind it.
    `<path d="M40 164 V124 H176 V164"/>`,
    `<path d="M40 124 V90 H120 V124"/>`,
    // Banister post and rail, sloping up with the stairs.
    `<path d="M140 124 V52 L44 20"/>`,
    `</g>`,
    // Person facing left (up the stairs), heels hanging off the right-hand edge.
    `<circle cx="176" cy="24" r="10"/>`,
    `<path d="M175 34 L173 78"/>`,
    // Arm reaching to the rail.
    `<path d="M174 42 L158 58 L141 54"/>`,
    `<path d="M173 78 L170 100 L174 120"/>`,
    `<path d="M173 78 L178 100 L182 120"/>`,
    // Feet: balls on the step, heels lowered below its edge.
    `<path d="M162 123 L176 123 L188 132"/>`,
    // Dashed line where the heel started, and the arrow showing it lowering.
    `<path d="M176 123 L194 123" stroke-width="2" stroke-dasharray="3 4"/>`,
    `<path d="M204 110 Q214 124 206 138" stroke-width="2.5"/>`,
    arrowHead(206, 138, 110),
  ].join('');

const BRIDGE_BODY = [
    `<path d="M12 164 H228" stroke-width="2"/>`,
    // Head and shoulders on the floor.
    `<circle cx="34" cy="150" r="11"/>`,
    // Straight line from shoulders to hips to knees.
    `<path d="M46 154 L118 118 L162 96"/>`,
    // Shins down to flat feet.
    `<path d="M162 96 L172 160 L190 161"/>`,
    // Arm resting on the floor.
    `<path d="M52 154 L84 160 L112 161"/>`,
    // Hips lifting.
    `<path d="M118 156 V132" stroke-width="2.5"/>`,
    arrowHead(118, 128, -90),
  ].join('');

const BEDTIME_BODY = [
    `<g stroke-width="2">`,
    // Bed frame, legs and headboard.
    `<path d="M14 112 H226 V128 H14 Z"/>`,
    `<path d="M22 128 V150 M218 128 V150"/>`,
    `<path d="M14 112 V70"/>`,
    // Pillow.
    `<path d="M24 96 Q22 110 48 110 Q72 110 70 98 Q68 88 46 88 Q26 88 24 96 Z"/>`,
    // Moon.
    `<path d="M196 22 A14 14 0 1 0 212 42 A11 11 0 1 1 196 22 Z"/>`,
    `</g>`,
    // Head on the pillow, body lying flat.
    `<circle cx="48" cy="90" r="11"/>`,
    `<path d="M60 96 L140 102 L198 104"/>`,
    // Foot upright at the end of the leg.
    `<path d="M198 104 L204 86"/>`,
    // Covers: over the body, lifted clear of the toes, falling loose at the end of the bed.
    `<path d="M64 86 Q130 80 186 84 Q204 70 214 82 Q222 96 226 112"/>`,
  ].join('');

function drawing(id: DrawingId, title: string, description: string, body: string): Drawing {
  return { id, title, description, svg: svg(title, description, body) };
}

export const DRAWINGS: Readonly<Record<DrawingId, Drawing>> = {
  'calf-stretch-wall': drawing(
    'calf-stretch-wall',
    'Calf stretch at a wall',
    'A person leans with both hands on a wall, front knee bent, back leg straight with the heel pressed to the floor.',
    CALF_STRETCH_WALL_BODY,
  ),
  'heel-drop-step': drawing(
    'heel-drop-step',
    'Heel drop on a step',
    'A person holds a handrail and stands with the balls of the feet on a step, lowering the heels over the edge.',
    HEEL_DROP_STEP_BODY,
  ),
  bridge: drawing(
    'bridge',
    'Bridge exercise',
    'A person lies on their back with knees bent and feet flat, lifting the hips so the body is straight from shoulders to knees.',
    BRIDGE_BODY,
  ),
  bedtime: drawing(
    'bedtime',
    'Before bed: loose covers over the feet',
    'A person lies on their back in bed with the covers loose over the feet so the toes point up, not down.',
    BEDTIME_BODY,
  ),
};

export function isDrawingId(id: string): id is DrawingId {
  return (DRAWING_IDS as readonly string[]).includes(id);
}

export function drawingFor(id: DrawingId): Drawing {
  return DRAWINGS[id];
}

/**
 * The drawing as a data: URI for <img src> (or a PDF engine). Percent-encoded rather than
 * base64 so it works the same in Node and the browser without Buffer or btoa.
 */
export function drawingDataUri(id: DrawingId): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(DRAWINGS[id].svg)}`;
}
