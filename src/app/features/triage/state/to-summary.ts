import type { RequestDetail, RequestSummary } from '../../../../shared/api/requests';

/**
 * A queue row from a full request. Flag offsets in a detail point into the whole message; a row
 * shows the preview, so each phrase is found again there (-1 when the preview does not hold it).
 */
export function toSummary(detail: RequestDetail): RequestSummary {
  const {
    message, preferences, attempts, history, matches, patientId, appointmentId, duplicateOf, outcomeNote,
    closedAt, closedBy, flagsAcknowledgedAt, flagsAcknowledgedBy, createdBy, updatedAt, ...summary
  } = detail;
  const preview = summary.messagePreview;
  const previewStart = message.indexOf(preview);
  return {
    ...summary,
    redFlags: summary.redFlags.map((flag) => {
      const text = flag.start >= 0 && flag.end > flag.start ? message.slice(flag.start, flag.end) : flag.phrase;
      let start = previewStart >= 0 && flag.start >= previewStart && flag.end <= previewStart + preview.length
        ? flag.start - previewStart
        : preview.indexOf(text);
      if (start < 0) start = -1;
      return { ...flag, start, end: start < 0 ? -1 : start + text.length };
    }),
  };
}
