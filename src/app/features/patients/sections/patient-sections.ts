import { InjectionToken, type Type } from '@angular/core';
import type { Role } from '../../../../shared/roles';

/**
 * Sections other features add to the patient record page (visits and exams, advice sheets, ...).
 *
 * The page renders each registered section, in `order`, after its own demographics, appointments
 * and requests sections, for the roles listed. A section is a standalone component loaded lazily
 * so its code stays out of the patients bundle; it receives the patient's id as the `patientId`
 * input (`readonly patientId = input.required<string>()`) and renders its own heading (h2) and
 * content inside the card the page gives it.
 *
 * To add one, append an entry here, e.g.
 *   { id: 'visits', title: 'Visits', order: 10, roles: ['chiropractor', 'manager'],
 *     load: () => import('../../exams/components/patient-visits').then((m) => m.PatientVisits) }
 */
export interface PatientSection {
  /** Also the fragment used to jump to it: /patients/:id#visits */
  id: string;
  /** Shown in the page's section navigation. */
  title: string;
  order: number;
  /** Roles that see the section; everyone signed in when left out. */
  roles?: readonly Role[];
  load: () => Promise<Type<unknown>>;
}

const REGISTERED: readonly PatientSection[] = [
  {
    id: 'visits', title: 'Visits', order: 10,
    load: () => import('../../exams/components/patient-visits-section/patient-visits-section').then((m) => m.PatientVisitsSection),
  },
  {
    id: 'advice-sheets', title: 'Advice sheets', order: 20,
    load: () => import('../../handouts/components/patient-handouts-section/patient-handouts-section').then((m) => m.PatientHandoutsSection),
  },
];

/** Tests provide their own list; the app uses the registered one. */
export const PATIENT_SECTIONS = new InjectionToken<readonly PatientSection[]>('PATIENT_SECTIONS', { factory: () => REGISTERED });
