import type { Appointment, AppointmentType, Clinician, Patient, Slot } from '../../../../shared/api/diary';

export function appointmentFixture(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1', centreId: 'c1', clinicianId: 'k1', clinicianName: 'Dr Alex Morgan', patientId: 'p1', patientName: 'Claire Morris',
    typeId: 't-new', typeName: 'New patient exam', start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:45:00.000Z',
    status: 'booked', requestId: null, version: 1, ...overrides,
  };
}

export const clinicianFixtures: Clinician[] = [
  { id: 'k1', name: 'Dr Alex Morgan', centreIds: ['c1'] },
  { id: 'k2', name: 'Dr Tom Baker', centreIds: ['c1'] },
];

export const typeFixtures: AppointmentType[] = [
  { id: 't-new', name: 'New patient exam', minutes: 45, newPatient: true, active: true, version: 1 },
  { id: 't-fu', name: 'Follow-up', minutes: 20, newPatient: false, active: true, version: 1 },
];

export function slotFixture(start: string, clinicianId = 'k1', minutes = 45): Slot {
  return {
    clinicianId, clinicianName: clinicianId === 'k1' ? 'Dr Alex Morgan' : 'Dr Tom Baker', start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  };
}

export function patientFixture(overrides: Partial<Patient> = {}): Patient {
  return {
    id: 'p1', centreId: 'c1', givenName: 'Claire', familyName: 'Morris', dateOfBirth: '1980-03-14', phone: '07700 900123',
    email: 'claire@example.com', address: '1 High Street', gpPractice: 'Riverside Surgery', nhsNumber: null,
    communicationNeeds: { largePrint: false, language: null, other: null }, contactConsent: true, mergedInto: null,
    anonymisedAt: null, version: 3, createdAt: '2026-01-01T10:00:00.000Z', ...overrides,
  };
}
