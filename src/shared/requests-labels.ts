/**
 * Plain-English labels for every enum of the requests API. No TypeBox here (type-only imports are
 * erased), so the UI can import it without pulling in the schemas.
 */
import type {
  AttemptOutcome, CloseOutcome, HistoryAction, MatchKind, Priority, PreferredTime, QuarantineReason,
  QueueSort, RedFlagLevel, RequestKind, RequestSource, RequestStatus, StatusFilter, Weekday,
} from './api/requests';

export const REQUEST_KIND_LABELS: Readonly<Record<RequestKind, string>> = {
  callback: 'Callback',
  appointment: 'Appointment request',
};

export const REQUEST_SOURCE_LABELS: Readonly<Record<RequestSource, string>> = {
  'web-form': 'Website form',
  phone: 'Phone call',
  'walk-in': 'Walk-in',
  staff: 'Entered by staff',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  routine: 'Routine',
};

/** Sort rank used by the default queue order: emergency first. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { emergency: 0, urgent: 1, routine: 2 };

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  new: 'New',
  'in-progress': 'In progress',
  closed: 'Closed',
};

export const STATUS_FILTER_LABELS: Readonly<Record<StatusFilter, string>> = {
  open: 'Open (new and in progress)',
  new: 'New',
  'in-progress': 'In progress',
  closed: 'Closed',
  all: 'All',
};

export const PREFERRED_TIME_LABELS: Readonly<Record<PreferredTime, string>> = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
  any: 'Any time',
};

export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const ATTEMPT_OUTCOME_LABELS: Readonly<Record<AttemptOutcome, string>> = {
  'no-answer': 'No answer',
  voicemail: 'Voicemail left',
  spoke: 'Spoke to them',
  'wrong-number': 'Wrong number',
};

/** Attempts that did not reach the patient; three of these suggest closing as unable to contact. */
export const FAILED_ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = ['no-answer', 'voicemail', 'wrong-number'];
export const FAILED_ATTEMPTS_BEFORE_SUGGEST_CLOSE = 3;

export const CLOSE_OUTCOME_LABELS: Readonly<Record<CloseOutcome, string>> = {
  booked: 'Booked',
  'advice-given': 'Advice given',
  'sent-to-gp': 'Sent to GP',
  'sent-to-111': 'Sent to NHS 111',
  'sent-to-999': 'Sent to 999 / A&E',
  'not-interested': 'Not interested',
  'unable-to-contact': 'Unable to contact',
  duplicate: 'Duplicate',
  spam: 'Spam',
};

export const RED_FLAG_LEVEL_LABELS: Readonly<Record<RedFlagLevel, string>> = {
  emergency: 'Emergency: 999 or A&E now',
  urgent: 'Urgent: same-day GP or NHS 111',
  gp: 'Routine GP note',
};

export const MATCH_KIND_LABELS: Readonly<Record<Exclude<MatchKind, null>, string>> = {
  'existing-patient': 'Existing patient',
  'possible-duplicate': 'Possible duplicate',
};

/** Reasons a match was suggested (the shared matching rules' codes); show unknown codes as they are. */
export const MATCH_REASON_LABELS: Readonly<Record<string, string>> = {
  'same-phone': 'Same phone number',
  'same-email': 'Same email address',
  'same-name': 'Same name',
  'similar-name': 'Similar name',
  'different-name': 'Different name',
  'same-date-of-birth': 'Same date of birth',
  'different-date-of-birth': 'Different date of birth',
  'same-postcode': 'Same postcode',
};

export const QUARANTINE_REASON_LABELS: Readonly<Record<QuarantineReason, string>> = {
  honeypot: 'Hidden field filled in (likely a bot)',
  'too-fast': 'Sent too quickly after the form opened',
  'bad-token': 'Form token invalid or expired',
  'rate-limit': 'Too many submissions from one address',
  'marked-spam': 'Marked as spam by staff',
};

export const HISTORY_ACTION_LABELS: Readonly<Record<HistoryAction, string>> = {
  created: 'Request received',
  quarantined: 'Held in quarantine',
  restored: 'Restored from quarantine',
  edited: 'Details edited',
  claimed: 'Claimed',
  released: 'Released',
  reassigned: 'Reassigned',
  'attempt-logged': 'Call attempt logged',
  'flags-acknowledged': 'Red flags acknowledged',
  closed: 'Closed',
  reopened: 'Reopened',
  'patient-linked': 'Linked to patient',
  'patient-unlinked': 'Unlinked from patient',
};

export const QUEUE_SORT_LABELS: Readonly<Record<QueueSort, string>> = {
  priority: 'Priority, then due time',
  due: 'Due time',
  newest: 'Newest first',
  oldest: 'Oldest first',
};
