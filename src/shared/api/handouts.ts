import { type Static, Type } from 'typebox';
import { Id } from './common';

/*
 * The advice library and issued home-advice sheets. Module content is `AdviceModule` from
 * src/shared/advice (validated by `validateAdviceModule`); it is typed loosely here so the
 * browser bundle does not carry the advice schema.
 */

export const AdviceModuleEntrySchema = Type.Object({
  key: Type.String(),
  /** The current version's number; every save makes a new one. */
  versionNo: Type.Integer(),
  active: Type.Boolean(),
  module: Type.Unknown(),
  readingAge: Type.Number(),
  updatedAt: Type.String(),
  updatedByName: Type.Union([Type.String(), Type.Null()]),
  /** The row's version, for If-Match. */
  version: Type.Integer(),
});
export type AdviceModuleEntry = Static<typeof AdviceModuleEntrySchema>;

export const AdviceModuleVersionSchema = Type.Object({
  versionNo: Type.Integer(),
  module: Type.Unknown(),
  readingAge: Type.Number(),
  createdAt: Type.String(),
  createdByName: Type.Union([Type.String(), Type.Null()]),
});
export type AdviceModuleVersion = Static<typeof AdviceModuleVersionSchema>;

export const AdviceModuleSaveSchema = Type.Object({
  module: Type.Unknown(),
  active: Type.Boolean(),
}, { additionalProperties: false });

export const HandoutDraftSchema = Type.Object({
  /** SheetDraft + notes for the clinician, from the drafting rules. */
  draft: Type.Unknown(),
  /** The current library, so the editor can add any module. */
  library: Type.Array(AdviceModuleEntrySchema),
  largePrint: Type.Boolean(),
});
export type HandoutDraftDto = Static<typeof HandoutDraftSchema>;

export const IssueHandoutSchema = Type.Object({
  /** SheetDraft: items (ordered, with reasons), leftOut, personal details by module key. */
  draft: Type.Unknown(),
  largePrint: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const HandoutSummarySchema = Type.Object({
  id: Id,
  patientId: Id,
  visitId: Type.Union([Id, Type.Null()]),
  centreId: Id,
  clinicianName: Type.String(),
  issuedAt: Type.String(),
  largePrint: Type.Boolean(),
  titles: Type.Array(Type.String()),
  prints: Type.Integer(),
});
export type HandoutSummary = Static<typeof HandoutSummarySchema>;

export const HandoutHeaderSchema = Type.Object({
  centreName: Type.String(),
  centreAddress: Type.String(),
  centrePhone: Type.String(),
  patientName: Type.String(),
  clinicianName: Type.String(),
  /** The issue date as the patient reads it, e.g. "26 November 2026". */
  issuedDate: Type.String(),
});
export type HandoutHeader = Static<typeof HandoutHeaderSchema>;

export const HandoutItemSchema = Type.Object({
  moduleKey: Type.String(),
  versionNo: Type.Integer(),
  reason: Type.String(),
  module: Type.Unknown(),
  personal: Type.Unknown(),
});

/** The issued sheet exactly as it was issued: reprints months later are identical. */
export const HandoutSchema = Type.Object({
  ...HandoutSummarySchema.properties,
  header: HandoutHeaderSchema,
  items: Type.Array(HandoutItemSchema),
  leftOut: Type.Array(Type.Object({ moduleKey: Type.String(), reason: Type.String() })),
  text: Type.String(),
  contentHash: Type.String(),
  readingAge: Type.Number(),
});
export type HandoutDto = Static<typeof HandoutSchema>;

export const PrintRecordSchema = Type.Object({
  kind: Type.Union([Type.Literal('print')]),
}, { additionalProperties: false });
