import { exampleExam } from '../../../../shared/exam/exam-example';
import { emptyExam, type ExamContent } from '../../../../shared/exam';
import type { ProgressVisit, Visit } from '../data/visits-api';

export { exampleExam };

/** A draft visit as GET /api/visits/:id returns it. */
export function visitFixture(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    patientId: 'p1',
    centreId: 'c1',
    clinicianId: 'u-chiro',
    clinicianName: 'Dr Jane Smith',
    appointmentId: null,
    visitDate: '2026-11-26',
    status: 'draft',
    signedAt: null,
    patientName: 'Claire Morris',
    content: emptyExam(),
    signedByName: null,
    addenda: [],
    updatedAt: '2026-11-26T10:00:00.000Z',
    updatedByName: 'Dr Jane Smith',
    version: 3,
    ...overrides,
  };
}

export function progressVisitFixture(id: string, visitDate: string, edit: (c: ExamContent) => void = () => undefined): ProgressVisit {
  const content = emptyExam();
  edit(content);
  return { id, visitDate, status: 'signed', outcomes: content.outcomes, crampProfile: content.crampProfile, findings: content.findings };
}

/** An in-memory Storage for draft tests. */
export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}
