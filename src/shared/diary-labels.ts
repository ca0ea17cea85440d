/** Plain-English labels and small shared constants for patients and the diary (no schemas here). */
import type { AppointmentStatus, TimeOfDay } from './api/diary';

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
};

export const TIME_OF_DAY_LABELS: Record<TimeOfDay, string> = {
  morning: 'Morning (before 12 noon)',
  afternoon: 'Afternoon (12 noon to 5pm)',
  evening: 'Evening (from 5pm)',
  any: 'Any time',
};

/**
 * Where each part of the day starts and ends, in minutes after midnight (centre local time).
 * A slot belongs to the part of the day its start falls in.
 */
export const TIME_OF_DAY_RANGES: Record<Exclude<TimeOfDay, 'any'>, { from: number; to: number }> = {
  morning: { from: 0, to: 12 * 60 },
  afternoon: { from: 12 * 60, to: 17 * 60 },
  evening: { from: 17 * 60, to: 24 * 60 },
};

/** Index = weekday number (0 = Sunday), as in opening hours and clinician hours. */
export const WEEKDAY_LABELS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_SHORT_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export const COMMUNICATION_NEED_LABELS = {
  largePrint: 'Large print (16 point or larger)',
  language: 'Preferred language',
  other: 'Other communication needs',
} as const;

export const PATIENT_FIELD_LABELS = {
  givenName: 'First name',
  familyName: 'Last name',
  dateOfBirth: 'Date of birth',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  gpPractice: 'GP practice',
  nhsNumber: 'NHS number',
  contactConsent: 'Agrees to be contacted',
  centreId: 'Centre',
} as const;

/** Shown for a patient whose identifiers were removed at their request. */
export const ANONYMISED_NAME = { givenName: 'Anonymised', familyName: 'patient' } as const;

/** What the diary's error codes mean to a receptionist. */
export const DIARY_ERROR_LABELS: Record<string, string> = {
  slot_taken: 'Someone has just booked that time. Here are the free slots now.',
  patient_busy: 'This patient already has an appointment at that time.',
  not_booked: 'Only a booked appointment can be changed.',
};
