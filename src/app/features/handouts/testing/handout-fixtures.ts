import { DEFAULT_MODULES, moduleReadingAge, type AdviceModule, type DraftedSheet } from '../../../../shared/advice';
import type { HandoutDto } from '../../../../shared/api/handouts';
import type { LibraryEntry, SheetDraftBundle } from '../data/handouts-api';

export function shipped(key: string): AdviceModule {
  const module = DEFAULT_MODULES.find((m) => m.key === key);
  if (!module) throw new Error(`no shipped module ${key}`);
  return structuredClone(module);
}

export function libraryEntry(module: AdviceModule, overrides: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    key: module.key, versionNo: 1, active: true, module, readingAge: moduleReadingAge(module),
    updatedAt: '2026-11-26T09:00:00.000Z', updatedByName: null, version: 1, ...overrides,
  };
}

export function libraryFixture(): LibraryEntry[] {
  return DEFAULT_MODULES.map((m) => libraryEntry(structuredClone(m)));
}

/** Night calf cramp with a doctor's fluid limit, as the rules draft it. */
export function draftFixture(): DraftedSheet {
  return {
    items: [
      { moduleKey: 'calf-stretch-wall', reason: 'Night calf cramp: calf stretch at a wall.' },
      { moduleKey: 'before-bed', reason: 'Night calf cramp: stretch before bed.' },
      { moduleKey: 'fluids-doctor-advice', reason: 'A doctor has limited fluids: follow your doctor\'s fluid advice.' },
      { moduleKey: 'when-to-get-help', reason: 'Every sheet ends with when to get help.' },
    ],
    leftOut: [{ moduleKey: 'fluids', reason: 'A doctor has limited fluids: fluids left out.' }],
    personal: { 'calf-stretch-wall': { side: 'left' } },
    notes: ['Kidney disease is recorded: check the fluid limit with the patient.'],
  };
}

export function bundleFixture(overrides: Partial<SheetDraftBundle> = {}): SheetDraftBundle {
  return {
    draft: draftFixture(),
    library: libraryFixture(),
    largePrint: false,
    visit: { id: 'v1', patientId: 'p1', patientName: 'Claire Morris', centreId: 'c1', visitDate: '2026-11-26' },
    ...overrides,
  };
}

export function handoutFixture(overrides: Partial<HandoutDto> = {}): HandoutDto {
  const modules = ['calf-stretch-wall', 'when-to-get-help'].map(shipped);
  return {
    id: 'h1', patientId: 'p1', visitId: 'v1', centreId: 'c1', clinicianName: 'Dr Anna Hughes', issuedAt: '2026-11-26T10:00:00.000Z',
    largePrint: false, titles: modules.map((m) => m.title), prints: 0,
    header: {
      centreName: 'Riverside Chiropractic', centreAddress: '12 River Street, Bristol BS1 4AB', centrePhone: '0117 496 0000',
      patientName: 'Claire Morris', clinicianName: 'Dr Anna Hughes', issuedDate: '26 November 2026',
    },
    items: modules.map((module) => ({ moduleKey: module.key, versionNo: 1, reason: '', module, personal: {} })),
    leftOut: [], text: '', contentHash: 'x', readingAge: 9,
    ...overrides,
  };
}
