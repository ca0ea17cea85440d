import type { RequestDetail, RequestSummary } from '../../../../shared/api/requests';

let counter = 0;

/** A queue row with sensible defaults; override what the test is about. */
export function summaryFixture(overrides: Partial<RequestSummary> = {}): RequestSummary {
  counter++;
  return {
    id: `r${counter}`,
    reference: `CB-AAA${String(counter).padStart(2, '0')}`.slice(0, 8),
    kind: 'callback',
    source: 'web-form',
    name: `Patient ${counter}`,
    phone: '07700 900123',
    phoneE164: '+447700900123',
    email: null,
    centre: { id: 'c1', name: 'Riverside Centre' },
    messagePreview: 'My lower back has been stiff for a week.',
    priority: 'routine',
    redFlags: [],
    flagsAcknowledged: false,
    status: 'new',
    outcome: null,
    holder: null,
    heldAt: null,
    holdExpiresAt: null,
    receivedAt: '2026-11-26T09:00:00.000Z',
    dueAt: '2026-11-26T11:00:00.000Z',
    firstContactAt: null,
    attemptCount: 0,
    lastAttemptAt: null,
    nextAttemptAt: null,
    suggestClose: false,
    match: { kind: null, count: 0 },
    quarantined: false,
    quarantineReason: null,
    version: 1,
    ...overrides,
  };
}

export function detailFixture(overrides: Partial<RequestDetail> = {}): RequestDetail {
  const summary = summaryFixture(overrides);
  return {
    ...summary,
    message: summary.messagePreview,
    preferences: { preferredTime: 'morning', preferredDays: [], preferredTimeOfDay: null, newPatient: null },
    attempts: [],
    history: [{ id: 'h1', at: summary.receivedAt, actor: null, action: 'created', detail: {} }],
    matches: { patients: [], requests: [] },
    patientId: null,
    appointmentId: null,
    duplicateOf: null,
    outcomeNote: null,
    closedAt: null,
    closedBy: null,
    flagsAcknowledgedAt: null,
    flagsAcknowledgedBy: null,
    createdBy: null,
    updatedAt: summary.receivedAt,
    ...overrides,
  };
}

export const EMERGENCY_MESSAGE = 'Terrible back pain and I am numb down below since this morning.';

/** An emergency whose flag points at "numb down below" in the message. */
export function emergencyDetail(overrides: Partial<RequestDetail> = {}): RequestDetail {
  const start = EMERGENCY_MESSAGE.indexOf('numb down below');
  return detailFixture({
    priority: 'emergency',
    message: EMERGENCY_MESSAGE,
    messagePreview: EMERGENCY_MESSAGE,
    dueAt: '2026-11-26T09:00:00.000Z',
    redFlags: [{
      category: 'cauda-equina', label: 'Possible cauda equina', level: 'emergency',
      action: 'Advise 999 or A&E now. Do not book a routine visit.',
      script: 'What you describe needs checking in hospital today. Please call 999 or go to A&E now.',
      phrase: 'numb down below', start, end: start + 'numb down below'.length,
    }],
    ...overrides,
  });
}
