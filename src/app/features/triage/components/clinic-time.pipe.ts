import { Pipe, type PipeTransform } from '@angular/core';

/** The clinics are in England and Wales; times are stored in UTC and shown on the clinic's clock. */
export const CLINIC_TIME_ZONE = 'Europe/London';

const FORMATS = {
  /** "Thu 26 Nov, 14:05" */
  full: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "Thu 14:05" */
  dayTime: { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "14:05" */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "26 Nov, 14:05" */
  dateTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ClinicTimeFormat = keyof typeof FORMATS;

const formatters = new Map<string, Intl.DateTimeFormat>();

export function clinicTime(value: string | null | undefined, format: ClinicTimeFormat = 'full', timeZone = CLINIC_TIME_ZONE): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const key = `${format}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { ...FORMATS[format], timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

@Pipe({ name: 'clinicTime' })
export class ClinicTimePipe implements PipeTransform {
  transform(value: string | null | undefined, format: ClinicTimeFormat = 'full'): string {
    return clinicTime(value, format);
  }
}
