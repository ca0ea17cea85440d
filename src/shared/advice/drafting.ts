/**
 * Drafting a home-advice sheet from a visit's exam (issue 5), personal doses, and the exact
 * plain text of a sheet.
 *
 * How a draft is made:
 * 1. `examConditions` reads the exam into condition facts (codes from advice-model.ts), each
 *    with a phrase in words ("Night calf cramp", "Facet joint sprain in the low back").
 * 2. Every module in the library is proposed when one of its `appliesWhen` conditions holds,
 *    and left out, with the reason, when one of its `leaveOutWhen` conditions holds. A module
 *    with `replaces` stands in for the module it replaces when that one was left out by one of
 *    the replacement's conditions. So a manager's edits to a module's conditions are honoured,
 *    and a clinic's own modules are drafted by the same rules as the shipped ones.
 * 3. The list is ordered (statin same-day advice first, then by category) and always ends with
 *    "when to get help", taken from the shipped defaults if the library has lost it.
 *
 * Unasked screen questions ('not-asked') never count as "yes" here: advice is drafted from what
 * was found. The one exception is safety-first: kidney or liver disease with the fluid-limit
 * question unasked gets "follow your doctor's fluid advice" rather than a 2-litre target.
 */
import {
  LABELS,
  type CrampSite,
  type ExamContent,
  type Finding,
  type Medicine,
  type Region,
  type Side,
} from '../exam/exam-model';
import { medicinesOnScreen } from '../exam/screen-alerts';
import {
  ADVICE_LIMITS,
  findModule,
  inlineMarkupIssues,
  stripInline,
  type AdviceCategory,
  type AdviceModule,
  type ConditionCode,
  type DoseBlock,
  type HoldSeconds,
  type PersonalDetails,
  type PersonalDetailsByModule,
  type PersonalSide,
  type SheetDraft,
  type SheetItem,
} from './advice-model';
import { DEFAULT_MODULES, MODULE_KEYS } from './default-modules';

// ---------------------------------------------------------------------------------------------
// Conditions read from the exam
// ---------------------------------------------------------------------------------------------

export interface ConditionFact {
  code: ConditionCode;
  /** Why it holds for this patient, in words for the clinician, e.g. "Calf cramp (left)". */
  phrase: string;
}

const REGION_PHRASE: Readonly<Record<Region, string>> = {
  cervical: 'in the neck',
  thoracic: 'in the mid back',
  lumbar: 'in the low back',
  sacropelvic: 'in the pelvis',
  'upper-limb': 'in the arm',
  'lower-limb': 'in the leg',
};

const TRIMESTER_WORDS: Readonly<Record<number, string>> = { 1: 'first', 2: 'second', 3: 'third' };

/** Muscle names as clinicians type them, mapped to cramp sites (cramp-episode findings). */
const MUSCLE_SITE_PATTERNS: readonly [RegExp, CrampSite][] = [
  [/calf|gastroc|soleus|triceps surae/i, 'calf'],
  [/foot|feet|toe|plantar|arch|intrinsic.*foot/i, 'foot'],
  [/hamstring|biceps femoris|semiten|semimem|back of (?:the )?thigh/i, 'hamstring'],
  [/forearm|wrist/i, 'forearm'],
  [/hand|finger|thumb/i, 'hand'],
];

/** Short names for the reason line; LABELS.medicine already has brackets in it. */
const MEDICINE_WORDS: Readonly<Record<Medicine, string>> = {
  diuretic: 'water tablet',
  statin: 'statin',
  'nicotinic-acid': 'nicotinic acid',
  raloxifene: 'raloxifene',
  nifedipine: 'nifedipine',
  salbutamol: 'salbutamol',
  teriparatide: 'teriparatide',
};

const GLUTE = /glut|buttock/i;
const HAMSTRING = /hamstring|biceps femoris|back of (?:the )?thigh/i;

function sitesFromMuscle(muscle: string): CrampSite[] {
  return MUSCLE_SITE_PATTERNS.filter(([re]) => re.test(muscle)).map(([, site]) => site);
}

/** "left", "right", "both sides" or '' from the sides recorded for a site. */
function sidesPhrase(sides: readonly (Side | null)[]): string {
  const known = new Set(sides.filter((s): s is Side => s !== null));
  if (known.has('bilateral') || (known.has('left') && known.has('right'))) return 'both sides';
  if (known.has('left')) return 'left';
  if (known.has('right')) return 'right';
  return '';
}

function withDetail(phrase: string, detail: string): string {
  return detail === '' ? phrase : `${phrase} (${detail})`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

function lowerFirst(text: string): string {
  // Keep initialisms (GP, NHS) as they are; only a capitalised ordinary word is lowered.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isGluteImbalance(f: Finding): boolean {
  if (f.type !== 'muscle-imbalance') return false;
  const d = f.imbalance;
  // The bridge with hamstring cramp is the pattern itself (DOMAIN section 1), even when the weak
  // muscle field was left blank.
  return GLUTE.test(d.weakMuscle) || (d.testUsed === 'bridge' && HAMSTRING.test(d.crampedMuscle));
}

/** "Facet joint sprain in the low back", regions in exam order, each once. */
function findingPhrase(label: string, findings: readonly Finding[], withRoots: boolean): string {
  const regions: string[] = [];
  for (const f of findings) {
    const r = f.region === null ? '' : REGION_PHRASE[f.region];
    if (r !== '' && !regions.includes(r)) regions.push(r);
  }
  const roots = withRoots
    ? [...new Set(findings.map((f) => f.nerveRoot).filter((r) => r !== null))].map((r) => `${r} nerve root`)
    : [];
  const where = regions.length === 0 ? label : `${label} ${joinWords(regions.map((r, i) => (i === 0 ? r : r.replace(/^in /, ''))))}`;
  return withDetail(where, joinWords(roots));
}

/**
 * The condition facts an exam supports, in a stable order (that of CONDITION_CODES), each code
 * once. 'always' is always present.
 */
export function examConditions(exam: ExamContent): ConditionFact[] {
  const facts = new Map<ConditionCode, string>();
  const add = (code: ConditionCode, phrase: string): void => {
    if (!facts.has(code)) facts.set(code, phrase);
  };
  const { crampProfile: profile, screen, findings } = exam;

  // --- Where the cramp is: the profile, plus cramp-episode and imbalance findings --------------
  const siteSides = new Map<CrampSite, (Side | null)[]>();
  const noteSite = (site: CrampSite, side: Side | null): void => {
    siteSides.set(site, [...(siteSides.get(site) ?? []), side]);
  };
  for (const s of profile.sites) noteSite(s.site, s.side);
  let nightEpisode = false;
  for (const f of findings) {
    if (f.type === 'cramp-episode') {
      for (const site of sitesFromMuscle(f.cramp.muscle)) noteSite(site, f.side);
      if (/night|bed|sleep/i.test(f.cramp.context)) nightEpisode = true;
    }
    if (f.type === 'muscle-imbalance' && HAMSTRING.test(f.imbalance.crampedMuscle)) noteSite('hamstring', f.side);
  }
  const sideOf = (site: CrampSite): string => sidesPhrase(siteSides.get(site) ?? []);
  const calf = siteSides.has('calf');
  const foot = siteSides.has('foot');
  if (calf) add('calf-cramp', withDetail('Calf cramp', sideOf('calf')));
  if (foot) add('foot-cramp', withDetail('Foot cramp', sideOf('foot')));

  // Night cramp in bed is calf (or foot) cramp unless the clinician recorded somewhere else.
  const night = profile.timing.includes('night-in-bed') || nightEpisode;
  if (night && (calf || foot || siteSides.size === 0)) {
    add('night-calf-cramp', !calf && foot ? 'Night foot cramp' : 'Night calf cramp');
  }
  if (siteSides.has('hamstring')) {
    add('hamstring-cramp', withDetail('Cramp in the back of the thigh (hamstring)', sideOf('hamstring')));
  }
  if (siteSides.has('forearm') || siteSides.has('hand')) add('arm-cramp', 'Forearm or hand cramp');

  const during = profile.timing.includes('during-exercise');
  const after = profile.timing.includes('after-exercise');
  if (during || after) {
    add('exercise-cramp', during && after ? 'Cramp during and after exercise' : during ? 'Cramp during exercise' : 'Cramp after exercise');
  }
  if (profile.triggers.includes('fatigue')) add('fatigue-trigger', 'Cramp when muscles are tired');
  if (profile.triggers.includes('dehydration')) add('dehydration-trigger', 'Cramp when not drinking enough');
  if (profile.triggers.includes('long-posture')) add('long-posture-trigger', 'Cramp after holding one position for a long time');

  // --- Findings ---------------------------------------------------------------------------------
  const glute = findings.filter(isGluteImbalance);
  if (glute.length > 0) {
    const withHamstring = glute.find((f) => f.type === 'muscle-imbalance' && HAMSTRING.test(f.imbalance.crampedMuscle));
    let phrase = 'Weak buttock muscles';
    if (withHamstring?.type === 'muscle-imbalance') {
      const test = withHamstring.imbalance.testUsed;
      phrase +=
        test === null
          ? ' with hamstring cramp'
          : test === 'other'
            ? ` with hamstring cramp in the ${withHamstring.imbalance.testUsedOther.trim() || 'test'}`
            : ` with hamstring cramp in the ${LABELS.imbalanceTest[test].toLowerCase()} test`;
    }
    add('weak-buttock-muscles', phrase);
  }
  const otherImbalance = findings.filter((f) => f.type === 'muscle-imbalance' && !isGluteImbalance(f));
  if (otherImbalance.length > 0) {
    const weak = otherImbalance
      .map((f) => (f.type === 'muscle-imbalance' ? f.imbalance.weakMuscle.trim() : ''))
      .filter((m) => m !== '');
    add('other-muscle-imbalance', withDetail('Muscle imbalance', weak.length > 0 ? `weak ${joinWords(weak.map(lowerFirst))}` : ''));
  }
  const facets = findings.filter((f) => f.type === 'facet-joint');
  if (facets.length > 0) add('facet-joint', findingPhrase('Facet joint sprain', facets, false));
  const discs = findings.filter((f) => f.type === 'disc-irritation');
  if (discs.length > 0) add('disc-irritation', findingPhrase('Disc irritation', discs, true));
  const spasms = findings.filter((f) => f.type === 'paraspinal-spasm');
  if (spasms.length > 0) add('paraspinal-spasm', findingPhrase('Spasm of the muscles beside the spine', spasms, false));

  // --- Secondary-cause screen -------------------------------------------------------------------
  const medicines = medicinesOnScreen(screen);
  if (medicines.length > 0) {
    add('cramp-medicine', `Takes a medicine linked with cramp (${medicines.map((m) => MEDICINE_WORDS[m]).join(', ')})`);
  }
  if (screen.statinNewMuscleSymptoms === 'yes') add('statin-muscle-symptoms', 'Takes a statin with new muscle symptoms');
  if (screen.pregnant === 'yes') {
    const t = screen.trimester === null ? undefined : TRIMESTER_WORDS[screen.trimester];
    const phrase = t === undefined ? 'Pregnant (trimester not recorded)' : `Pregnant (${t} trimester)`;
    add('pregnant', phrase);
    // Unknown trimester is treated as later pregnancy: the safer reading for exercise choices.
    if (screen.trimester !== 1) add('pregnant-after-first-trimester', phrase);
  }
  if (screen.fluidRestriction === 'yes') add('fluid-restriction', 'Doctor has limited fluids');
  const organ = [screen.kidneyDisease === 'yes' ? 'kidney' : '', screen.liverDisease === 'yes' ? 'liver' : '']
    .filter((w) => w !== '');
  // Both often come with a fluid limit; until someone asks, a 2-litre target is not safe to print.
  if (screen.fluidRestriction === 'not-asked' && organ.length > 0) {
    add('fluid-limit-unchecked', `${upperFirst(organ.join(' and '))} disease, and no one has asked about a fluid limit`);
  }
  if (screen.kidneyDisease === 'yes') add('kidney-disease', 'Kidney disease');
  if (screen.liverDisease === 'yes') add('liver-disease', 'Liver disease');
  if (screen.neurologicalCondition === 'yes') {
    const names = screen.neurologicalConditions.filter((c) => c !== 'other').map((c) => LABELS.neuroCondition[c]);
    add('neurological-condition', withDetail('Neurological condition', joinWords(names.map(lowerFirst))));
  }
  if (screen.toxinExposure === 'yes') {
    const names = screen.toxins.map((t) => LABELS.toxin[t].toLowerCase());
    add('toxin-exposure', `Contact with ${names.length > 0 ? joinWords(names) : 'lead or mercury'}`);
  }
  add('always', 'Every sheet');

  return [...facts].map(([code, phrase]) => ({ code, phrase }));
}

// ---------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------

/** Why a shipped module is left out under a condition, after "<phrase>: <title> left out, ". */
const LEAVE_OUT_WHY: Readonly<Partial<Record<string, string>>> = {
  [`${MODULE_KEYS.heelDropStep}|pregnant`]:
    'because balancing on the edge of a step risks a fall while balance changes in pregnancy; the calf stretch at a wall gives the same stretch with support',
  [`${MODULE_KEYS.heelDropStep}|neurological-condition`]:
    'because balance on a step edge may be affected; the calf stretch at a wall gives the same stretch with support',
  [`${MODULE_KEYS.buttockStrengthening}|pregnant-after-first-trimester`]:
    'because the bridge is done lying flat on the back, which NHS pregnancy advice says to avoid for long after 16 weeks; add a standing or side-lying buttock exercise by hand if needed',
};

/** How a replaced module is named in the reason ("fluid module" reads better than its title). */
const SHORT_NAMES: Readonly<Partial<Record<string, string>>> = {
  [MODULE_KEYS.fluids]: 'fluid module',
};

function shortName(module: AdviceModule): string {
  return SHORT_NAMES[module.key] ?? lowerFirst(module.title);
}

function phrasesFor(codes: readonly ConditionCode[], facts: ReadonlyMap<ConditionCode, string>): string {
  const phrases: string[] = [];
  for (const c of codes) {
    const p = facts.get(c);
    if (p !== undefined && !phrases.includes(p)) phrases.push(p);
  }
  return upperFirst(phrases.map((p, i) => (i === 0 ? p : lowerFirst(p))).join('; '));
}

function includeReason(module: AdviceModule, matched: readonly ConditionCode[], facts: ReadonlyMap<ConditionCode, string>): string {
  const title = lowerFirst(module.title);
  if (module.key === MODULE_KEYS.whenToGetHelp) return 'Every sheet ends with when to get help';
  if (module.key === MODULE_KEYS.medicinesGp && matched.includes('statin-muscle-symptoms')) {
    return `${facts.get('statin-muscle-symptoms') ?? 'Takes a statin with new muscle symptoms'}: ${title}, with the same-day advice first`;
  }
  const because = phrasesFor(matched, facts);
  if (module.key === MODULE_KEYS.spineCare) {
    const disc = matched.includes('disc-irritation') ? ', with the note to stop if pain, tingling or numbness spreads down a limb' : '';
    return `${because}: ${title} added as individual advice${disc}`;
  }
  if (module.category === 'pregnancy') return `${because}: ${title} added`;
  return `${because}: ${title}`;
}

function leaveOutReason(module: AdviceModule, code: ConditionCode, facts: ReadonlyMap<ConditionCode, string>): string {
  const why = LEAVE_OUT_WHY[`${module.key}|${code}`];
  const phrase = facts.get(code) ?? code;
  return `${phrase}: ${lowerFirst(module.title)} left out${why === undefined ? '' : `, ${why}`}`;
}

// ---------------------------------------------------------------------------------------------
// Drafting
// ---------------------------------------------------------------------------------------------

export interface DraftOptions {
  /** The clinic's current library; the shipped modules when not given. */
  library?: readonly AdviceModule[];
}

export interface DraftedSheet extends SheetDraft {
  /** Things the clinician should know that no module covers, in words. Not printed. */
  notes: string[];
}

const CATEGORY_RANK: Readonly<Record<AdviceCategory, number>> = {
  pregnancy: 0,
  stretching: 1,
  strengthening: 2,
  spine: 3,
  fluids: 4,
  food: 5,
  medicines: 6,
  'when-to-get-help': 7,
};

const SHIPPED_ORDER: readonly string[] = DEFAULT_MODULES.map((m) => m.key);

function shippedDefault(key: string): AdviceModule | undefined {
  return findModule(DEFAULT_MODULES, key);
}

/** Library with one module per key (the first wins) and "when to get help" always present. */
function usableLibrary(library: readonly AdviceModule[]): AdviceModule[] {
  const seen = new Set<string>();
  const modules: AdviceModule[] = [];
  for (const m of library) {
    if (seen.has(m.key)) continue;
    seen.add(m.key);
    modules.push(m);
  }
  const help = shippedDefault(MODULE_KEYS.whenToGetHelp);
  if (!seen.has(MODULE_KEYS.whenToGetHelp) && help !== undefined) modules.push(help);
  return modules;
}

/**
 * The proposed sheet for an exam: ordered items with reasons, modules left out with reasons,
 * suggested personal details (which leg, notes), and notes for the clinician.
 */
export function draftSheet(exam: ExamContent, options: DraftOptions = {}): DraftedSheet {
  const library = usableLibrary(options.library ?? DEFAULT_MODULES);
  const factList = examConditions(exam);
  const facts = new Map(factList.map((f) => [f.code, f.phrase] as const));

  const chosen: { module: AdviceModule; reason: string; first: boolean }[] = [];
  const leftOut: SheetItem[] = [];
  /** Modules left out, with the condition that did it, for replacements to find. */
  const blockedBy = new Map<string, ConditionCode>();

  for (const module of library) {
    if (module.replaces !== undefined) continue;
    const isHelp = module.key === MODULE_KEYS.whenToGetHelp;
    const matched = isHelp ? (['always'] as ConditionCode[]) : module.conditions.appliesWhen.filter((c) => facts.has(c));
    if (matched.length === 0) continue;
    // "When to get help" is never left out: every sheet ends with it (DOMAIN section 5).
    const blocked = isHelp ? undefined : module.conditions.leaveOutWhen.find((c) => facts.has(c));
    if (blocked !== undefined) {
      blockedBy.set(module.key, blocked);
      leftOut.push({ moduleKey: module.key, reason: leaveOutReason(module, blocked, facts) });
      continue;
    }
    const first = matched.includes('statin-muscle-symptoms') && module.category === 'medicines';
    chosen.push({ module, reason: includeReason(module, matched, facts), first });
  }

  // Replacements: only where the module they stand in for would have been on the sheet.
  for (const module of library) {
    const target = module.replaces;
    if (target === undefined) continue;
    const blocked = blockedBy.get(target);
    if (blocked === undefined || !module.conditions.appliesWhen.includes(blocked)) continue;
    if (module.conditions.leaveOutWhen.some((c) => facts.has(c))) continue;
    const replaced = findModule(library, target);
    const phrase = facts.get(blocked) ?? blocked;
    const out = leftOut.find((i) => i.moduleKey === target);
    if (out !== undefined && replaced !== undefined) {
      out.reason = `${phrase}: ${shortName(replaced)} replaced by '${lowerFirst(module.title)}'`;
    }
    const instead = replaced === undefined ? '' : `, in place of the ${shortName(replaced)}`;
    chosen.push({ module, reason: `${phrase}: ${lowerFirst(module.title)}${instead}`, first: false });
  }

  const rank = (m: AdviceModule): [number, number, number] => {
    const shipped = SHIPPED_ORDER.indexOf(m.key);
    // "When to get help" (the shipped one) closes the sheet even after a clinic's own modules.
    const help = m.key === MODULE_KEYS.whenToGetHelp ? 1 : 0;
    return [help, CATEGORY_RANK[m.category], shipped < 0 ? SHIPPED_ORDER.length : shipped];
  };
  chosen.sort((a, b) => {
    if (a.first !== b.first) return a.first ? -1 : 1;
    const ra = rank(a.module);
    const rb = rank(b.module);
    for (let i = 0; i < ra.length; i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.module.key < b.module.key ? -1 : a.module.key > b.module.key ? 1 : 0;
  });

  const items = chosen.map((c) => ({ moduleKey: c.module.key, reason: c.reason }));
  return {
    items,
    leftOut,
    personal: suggestedPersonal(exam, facts, items),
    notes: clinicianNotes(exam, facts, items),
  };
}

/** Suggested personal details: the leg to stretch, and notes the findings call for. */
function suggestedPersonal(
  exam: ExamContent,
  facts: ReadonlyMap<ConditionCode, string>,
  items: readonly SheetItem[],
): PersonalDetailsByModule {
  const personal: PersonalDetailsByModule = {};
  const on = (key: string): boolean => items.some((i) => i.moduleKey === key);

  if (on(MODULE_KEYS.calfStretchWall)) {
    const sides = exam.crampProfile.sites.filter((s) => s.site === 'calf' || s.site === 'foot').map((s) => s.side);
    const phrase = sidesPhrase(sides);
    const side: PersonalSide | undefined = phrase === 'both sides' ? 'both' : phrase === 'left' ? 'left' : phrase === 'right' ? 'right' : undefined;
    const lowDisc = exam.findings.some(
      (f) => f.type === 'disc-irritation' && (f.region === 'lumbar' || f.region === 'sacropelvic' || f.region === 'lower-limb'),
    );
    const details: PersonalDetails = {};
    if (side !== undefined) details.side = side;
    // A low-back disc can give calf cramp through the nerve (DOMAIN section 1); a calf stretch
    // also stretches that nerve, so the patient needs to know when to stop.
    if (lowDisc) details.note = 'Stop the stretch if it sends pain, tingling or numbness down your leg.';
    if (Object.keys(details).length > 0) personal[MODULE_KEYS.calfStretchWall] = details;
  }

  if (on(MODULE_KEYS.spineCare)) {
    const where = (types: Finding['type'][]): string => {
      const regions = exam.findings
        .filter((f) => types.includes(f.type) && f.region !== null)
        .map((f) => (f.region === null ? '' : SPINE_WORDS[f.region]))
        .filter((w, i, all) => w !== '' && all.indexOf(w) === i);
      return regions.length === 0 ? 'your spine' : joinWords(regions);
    };
    const lines: string[] = [];
    if (facts.has('facet-joint')) lines.push(`We found a sprained small joint (facet joint) in ${where(['facet-joint'])}.`);
    if (facts.has('disc-irritation')) {
      lines.push(`We found an irritated disc (the soft pad between the bones) in ${where(['disc-irritation'])}. It may be pressing on a nerve.`);
    }
    if (facts.has('paraspinal-spasm') && lines.length === 0) {
      lines.push(`The muscles beside your spine are in spasm in ${where(['paraspinal-spasm'])}.`);
    }
    if (lines.length > 0) personal[MODULE_KEYS.spineCare] = { note: lines.join(' ') };
  }
  return personal;
}

const SPINE_WORDS: Readonly<Record<Region, string>> = {
  cervical: 'your neck',
  thoracic: 'your mid back',
  lumbar: 'your low back',
  sacropelvic: 'your pelvis',
  'upper-limb': '',
  'lower-limb': '',
};

/** What the clinician should know that the sheet itself does not cover. */
function clinicianNotes(exam: ExamContent, facts: ReadonlyMap<ConditionCode, string>, items: readonly SheetItem[]): string[] {
  const notes: string[] = [];
  const { screen, crampProfile, findings } = exam;
  if (Object.values(screen.redFlags).includes('yes')) {
    notes.push('A red-flag question was answered yes: act on the exam alert before issuing routine advice.');
  }
  const longest = Math.max(
    crampProfile.longestEpisodeMinutes ?? 0,
    ...findings.map((f) => (f.type === 'cramp-episode' ? (f.cramp.durationMinutes ?? 0) : 0)),
  );
  if (longest > 10) notes.push('A cramp lasted more than 10 minutes: the patient needs same-day GP or NHS 111 advice.');
  const toxin = facts.get('toxin-exposure');
  if (toxin !== undefined) notes.push(`${toxin}: the patient needs same-day GP or NHS 111 advice; "when to get help" says so.`);
  const statin = facts.get('statin-muscle-symptoms');
  if (statin !== undefined) notes.push(`${statin}: tell the patient to contact their GP or NHS 111 today, and not to stop the statin on their own.`);
  const unchecked = facts.get('fluid-limit-unchecked');
  if (unchecked !== undefined) notes.push(`${unchecked}: ask whether a doctor has limited fluids, then redraft.`);
  const arm = facts.get('arm-cramp');
  if (arm !== undefined) notes.push(`${arm}: can come from a neck disc; no shipped module covers arm cramp, so add advice by hand if needed.`);
  const other = facts.get('other-muscle-imbalance');
  if (other !== undefined) notes.push(`${other}: no shipped exercise covers it; add your own module or a personal note.`);
  for (const code of ['liver-disease', 'kidney-disease', 'neurological-condition'] as const) {
    const p = facts.get(code);
    if (p !== undefined) notes.push(`${p}: a possible cause of secondary cramp; treating the cause is for the GP or specialist.`);
  }
  if (facts.has('disc-irritation') && (facts.has('calf-cramp') || facts.has('foot-cramp') || facts.has('arm-cramp'))) {
    notes.push('Cramp further down the limb with a disc irritation may come from the nerve: stretching may help less until the disc settles.');
  }
  if (items.length === 1) notes.push('Nothing in the exam matched an advice module: add modules by hand if the patient needs them.');
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Personal details
// ---------------------------------------------------------------------------------------------

export const SIDE_WORDS: Readonly<Record<PersonalSide, string>> = {
  left: 'your left side',
  right: 'your right side',
  both: 'each side',
};

export function formatHold(hold: HoldSeconds): string {
  if (typeof hold === 'number') return `${hold} ${hold === 1 ? 'second' : 'seconds'}`;
  const [min, max] = hold;
  return min === max ? formatHold(min) : `${min} to ${max} seconds`;
}

/** The module's dose with this patient's changes applied (a new object). */
export function personalDose(dose: DoseBlock, personal: PersonalDetails = {}): DoseBlock {
  const result: DoseBlock = { ...dose };
  if (personal.holdSeconds !== undefined) result.holdSeconds = personal.holdSeconds;
  if (personal.repetitions !== undefined) result.repetitions = personal.repetitions;
  // Choosing one side only makes sense for an exercise done side by side.
  if (personal.side !== undefined && personal.side !== 'both') result.perSide = true;
  return result;
}

/**
 * The dose in sentences, exactly as printed: "Hold for 20 to 30 seconds each time.",
 * "Repeat 3 times on each side.", "Do this every day, before bed is best."
 */
export function doseLines(dose: DoseBlock, personal: PersonalDetails = {}): string[] {
  const d = personalDose(dose, personal);
  const lines: string[] = [];
  if (d.holdSeconds !== undefined) lines.push(`Hold for ${formatHold(d.holdSeconds)} each time.`);
  if (d.repetitions !== undefined) {
    const times = d.repetitions === 1 ? 'once' : `${d.repetitions} times`;
    const where = d.perSide ? ` on ${SIDE_WORDS[personal.side ?? 'both']}` : '';
    lines.push(d.repetitions === 1 ? `Do it once${where}.` : `Repeat ${times}${where}.`);
  } else if (personal.side !== undefined && personal.side !== 'both') {
    lines.push(`Do it on ${SIDE_WORDS[personal.side]}.`);
  }
  const when = [d.howOften?.trim() ?? '', d.whenInDay?.trim() ?? ''].filter((w) => w !== '');
  if (when.length > 0) lines.push(`Do this ${when.join(', ')}.`);
  return lines;
}

/**
 * Returns new personal details with `patch` applied to one module. A field set to undefined (or
 * an empty note) goes back to the module's own value; a module with nothing left is removed.
 */
export function personalise(
  personal: PersonalDetailsByModule,
  moduleKey: string,
  patch: PersonalDetails,
): PersonalDetailsByModule {
  const merged: PersonalDetails = { ...(Object.hasOwn(personal, moduleKey) ? personal[moduleKey] : {}) };
  for (const field of ['side', 'holdSeconds', 'repetitions', 'note'] as const) {
    if (!(field in patch)) continue;
    const value = patch[field];
    if (value === undefined || (field === 'note' && typeof value === 'string' && value.trim() === '')) {
      delete merged[field];
    } else {
      Object.assign(merged, { [field]: value });
    }
  }
  const result: PersonalDetailsByModule = { ...personal };
  if (Object.keys(merged).length === 0) delete result[moduleKey];
  else result[moduleKey] = merged;
  return result;
}

/** Problems with one module's personal details, in words for the editor. */
export function personalIssues(personal: PersonalDetails): string[] {
  const issues: string[] = [];
  const hold = personal.holdSeconds;
  const okSeconds = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= ADVICE_LIMITS.holdSecondsMax;
  if (hold !== undefined) {
    const [min, max] = typeof hold === 'number' ? [hold, hold] : hold;
    if (!okSeconds(min) || !okSeconds(max)) issues.push(`Hold time must be 1 to ${ADVICE_LIMITS.holdSecondsMax} whole seconds.`);
    else if (min > max) issues.push('Hold time: the first number must not be more than the second.');
  }
  const reps = personal.repetitions;
  if (reps !== undefined && (!Number.isInteger(reps) || reps < 1 || reps > ADVICE_LIMITS.repetitionsMax)) {
    issues.push(`Repetitions must be 1 to ${ADVICE_LIMITS.repetitionsMax}.`);
  }
  if (personal.note !== undefined) {
    if (personal.note.length > ADVICE_LIMITS.personalNote) issues.push(`The note is longer than ${ADVICE_LIMITS.personalNote} characters.`);
    issues.push(...inlineMarkupIssues(personal.note));
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The sheet as plain text
// ---------------------------------------------------------------------------------------------

/** Label printed before the clinician's note under a module (the UI and PDF use the same). */
export const PERSONAL_NOTE_LABEL = 'Note from your chiropractor:';

/** One module as printed lines (markup stripped), with this patient's details applied. */
export function moduleTextLines(module: AdviceModule, personal: PersonalDetails = {}): string[] {
  const lines: string[] = [module.title.trim()];
  for (const block of module.blocks) {
    switch (block.kind) {
      case 'paragraph':
      case 'callout':
        lines.push(stripInline(block.text).trim());
        break;
      case 'steps':
        block.items.forEach((item, i) => lines.push(`${i + 1}. ${stripInline(item).trim()}`));
        break;
      case 'bullets':
        for (const item of block.items) lines.push(`• ${stripInline(item).trim()}`);
        break;
      case 'dose':
        lines.push(...doseLines(block, personal));
        break;
    }
  }
  // A side chosen for a module without a dose still has to reach the patient.
  if (personal.side !== undefined && personal.side !== 'both' && !module.blocks.some((b) => b.kind === 'dose')) {
    lines.push(`Do it on ${SIDE_WORDS[personal.side]}.`);
  }
  const note = personal.note === undefined ? '' : stripInline(personal.note).trim();
  if (note !== '') lines.push(`${PERSONAL_NOTE_LABEL} ${note}`);
  return lines.filter((l) => l !== '');
}

/**
 * The exact plain text of a sheet: the modules in the order given, each as its title and its
 * lines, separated by one blank line, with a final newline. Deterministic (NFC, single spaces,
 * "\n" line ends) because the issued snapshot's content hash is taken over it and the PDF text
 * checks compare against it. Throws if an item names a module that is not given: an issued
 * sheet silently missing advice is worse than a failed issue.
 */
export function renderSheetText(
  items: readonly Pick<SheetItem, 'moduleKey'>[],
  modules: readonly AdviceModule[],
  personal: PersonalDetailsByModule = {},
): string {
  const sections = items.map(({ moduleKey }) => {
    const module = findModule(modules, moduleKey);
    if (module === undefined) throw new Error(`renderSheetText: no module with key "${moduleKey}"`);
    const details = Object.hasOwn(personal, moduleKey) ? personal[moduleKey] : undefined;
    return moduleTextLines(module, details).join('\n');
  });
  const text = sections.join('\n\n').normalize('NFC').replace(/[ \t]+/g, ' ').replace(/ +\n/g, '\n');
  return text === '' ? '' : `${text}\n`;
}
