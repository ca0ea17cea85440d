import { type Static, Type } from 'typebox';
import { Id } from './common';

/*
 * Visits (encounters) and their functional exam. The exam content itself is `ExamContent`
 * from src/shared/exam (validated by `validateExamContent`, which gives a message per field).
 */

export const VisitStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('signed')]);
export type VisitStatus = Static<typeof VisitStatusSchema>;

/** What anyone at the centre may know: that a visit happened. No clinical content. */
export const VisitSummarySchema = Type.Object({
  id: Id,
  patientId: Id,
  centreId: Id,
  clinicianId: Id,
  clinicianName: Type.String(),
  appointmentId: Type.Union([Id, Type.Null()]),
  visitDate: Type.String(),
  status: VisitStatusSchema,
  signedAt: Type.Union([Type.String(), Type.Null()]),
});
export type VisitSummary = Static<typeof VisitSummarySchema>;

export const AddendumSchema = Type.Object({
  id: Id,
  authorId: Id,
  authorName: Type.String(),
  at: Type.String(),
  text: Type.String(),
});
export type Addendum = Static<typeof AddendumSchema>;

/** The whole visit, for chiropractors (who write) and managers (who read). */
export const VisitSchema = Type.Object({
  ...VisitSummarySchema.properties,
  patientName: Type.String(),
  /** ExamContent; typed loosely here so the browser bundle need not carry the exam schema. */
  content: Type.Unknown(),
  signedByName: Type.Union([Type.String(), Type.Null()]),
  addenda: Type.Array(AddendumSchema),
  updatedAt: Type.String(),
  updatedByName: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});
export type VisitDto = Static<typeof VisitSchema>;

export const NewVisitSchema = Type.Object({
  appointmentId: Type.Optional(Id),
  /** YYYY-MM-DD; defaults to today in the centre's time zone. */
  visitDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  /** Bring the previous visit's findings forward for editing. */
  copyFromLast: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type NewVisit = Static<typeof NewVisitSchema>;

export const SaveVisitSchema = Type.Object({ content: Type.Unknown() }, { additionalProperties: false });

export const AddendumInputSchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
}, { additionalProperties: false });

/** The progress page: per visit, oldest first, the scored outcomes and the findings. */
export const ProgressSchema = Type.Object({
  visits: Type.Array(Type.Object({
    id: Id,
    visitDate: Type.String(),
    status: VisitStatusSchema,
    /** ExamContent['outcomes'] and ['crampProfile'] and ['findings'] for the shared rules to chart. */
    outcomes: Type.Unknown(),
    crampProfile: Type.Unknown(),
    findings: Type.Unknown(),
  })),
});
export type Progress = Static<typeof ProgressSchema>;
