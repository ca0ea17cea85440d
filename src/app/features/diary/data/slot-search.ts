import { catchError, map, type Observable, of } from 'rxjs';
import type { Slot, TimeOfDay } from '../../../../shared/api/diary';
import { apiError } from '../../../core/http-error';
import type { DiaryApi } from './diary-api';

/** How far ahead the slot finder looks, and how many slots it offers at once. */
const SEARCH_DAYS = 28;
const SLOT_LIMIT = 24;

/** Where to look: a centre, an appointment type and one chiropractor ('' = any at the centre). */
export interface SlotTarget {
  centreId: string;
  typeId: string;
  clinicianId: string;
}

/** The patient's preferences, as the slot filters hold them (weekday numbers, 'any', YYYY-MM-DD). */
export interface SlotPreferences {
  days: number[];
  timeOfDay: TimeOfDay;
  from: string;
}

/** The slots found, or why none could be (the message to show above the empty list). */
export interface SlotSearchResult {
  slots: Slot[];
  error: string | null;
}

/** The next free slots for the booking and move dialogs; a failure is answered, not thrown, so the search stream lives on. */
export function searchSlots(api: DiaryApi, target: SlotTarget, preferences: SlotPreferences): Observable<SlotSearchResult> {
  return api.slots({
    centreId: target.centreId,
    typeId: target.typeId,
    clinicianId: target.clinicianId || undefined,
    from: preferences.from || undefined,
    days: SEARCH_DAYS,
    preferredDays: preferences.days.length ? preferences.days : undefined,
    preferredTimeOfDay: preferences.timeOfDay === 'any' ? undefined : preferences.timeOfDay,
    limit: SLOT_LIMIT,
  }).pipe(
    map((slots) => ({ slots, error: null })),
    catchError((err: unknown) => of({ slots: [] as Slot[], error: apiError(err).message })),
  );
}

/** The slot the user had chosen, if the fresh list still offers it; a slot no longer offered cannot be booked. */
export function stillOffered(chosen: Slot | null, slots: readonly Slot[], key: (slot: Slot) => string): Slot | null {
  if (!chosen) return null;
  const wanted = key(chosen);
  return slots.some((slot) => key(slot) === wanted) ? chosen : null;
}
