import type { RedFlag } from '../../shared/api/requests';
import { checkFormToken, clientKey, issueFormToken, MIN_FILL_MS } from '../db/repositories/requests-form';
import { asReference, buildPreview, computeDueAt, localParts, newReference, readPhone, screen } from '../db/repositories/requests-rules';
import { DEFAULT_RESPONSE_TARGETS } from '../../shared/api/foundation';
import { type SummaryRow, toSummary } from '../db/repositories/requests';
import { DEFAULT_OPENING_HOURS } from '../setup';

describe('requests rules', () => {
  it('makes short references a patient can read out, and reads them back in any form', () => {
    for (let i = 0; i < 200; i++) {
      expect(newReference('callback')).toMatch(/^CB-[0-9A-HJ-NP-Z]{5}$/);
      expect(newReference('appointment')).toMatch(/^AP-[0-9A-HJ-NP-Z]{5}$/);
    }
    expect(asReference('cb-7k3qx')).toBe('CB-7K3QX');
    expect(asReference(' AP 4M2ZD ')).toBe('AP-4M2ZD');
    expect(asReference('ap4m2zd')).toBe('AP-4M2ZD');
    expect(asReference('jane')).toBeNull();
  });

  it('reads UK phone numbers in common formats and refuses words', () => {
    for (const phone of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123', '0044 7700 900123', '447700900123', '07700-900-123']) {
      expect(readPhone(phone)).withContext(phone).toEqual({ e164: '+447700900123', valid: true });
    }
    expect(readPhone('01865 555123').e164).toBe('+441865555123');
    expect(readPhone('+33 1 42 68 53 00').valid).toBeTrue();
    for (const bad of ['', 'call me', '12345', '0770090012', 'phone: 07700 900123']) expect(readPhone(bad).valid).withContext(bad).toBeFalse();
  });

  it('keeps the flagged phrase in the preview and moves its offsets there', () => {
    const message = `${'I have had a sore back for a long while and it is hard to describe everything that has happened. '.repeat(4)}Since yesterday I have wet myself and cannot feel down below.`;
    const { redFlags } = screen(message);
    expect(redFlags.length).toBeGreaterThan(0);
    const { preview, redFlags: moved } = buildPreview(message, redFlags);
    expect(preview.length).toBeLessThanOrEqual(202);
    expect(preview.startsWith('…')).toBeTrue();
    const first = moved[0]!;
    expect(preview.slice(first.start, first.end)).toBe(first.phrase);
  });

  it('marks a phrase outside the preview with -1 offsets, and collapses whitespace safely', () => {
    const flag = (start: number, end: number, phrase: string): RedFlag => ({ category: 'x', label: 'x', level: 'urgent', action: '', script: '', phrase, start, end });
    const message = 'fever\n\n\nnow   and '.padEnd(600, 'z') + ' later';
    const { preview, redFlags } = buildPreview(message, [flag(0, 5, 'fever'), flag(601, 606, 'later')]);
    expect(preview.slice(redFlags[0]!.start, redFlags[0]!.end)).toBe('fever');
    expect(preview.startsWith('fever now and ')).toBeTrue();
    expect([redFlags[1]!.start, redFlags[1]!.end]).toEqual([-1, -1]);
  });

  it('collapses a lone tab or no-break space too, and keeps offsets of a message with single spaces', () => {
    const flag = (start: number, end: number, phrase: string): RedFlag => ({ category: 'x', label: 'x', level: 'urgent', action: '', script: '', phrase, start, end });
    const odd = 'back\tpain since\u00a0Monday, fever';
    const collapsed = buildPreview(odd, [flag(odd.indexOf('fever'), odd.length, 'fever')]);
    expect(collapsed.preview).toBe('back pain since Monday, fever');
    expect(collapsed.preview.slice(collapsed.redFlags[0]!.start, collapsed.redFlags[0]!.end)).toBe('fever');
    const plain = 'back pain since Monday, fever';
    const kept = buildPreview(plain, [flag(24, 29, 'fever'), flag(24, 99, 'past the end')]);
    expect(kept.preview).toBe(plain);
    expect(kept.redFlags.map((f) => [f.start, f.end])).toEqual([[24, 29], [24, 29]]);
  });

  it('puts emergencies due at once and routine requests in opening hours, in the centre\'s zone', () => {
    const centre = { openingHours: DEFAULT_OPENING_HOURS, timeZone: 'Europe/London', responseTargets: DEFAULT_RESPONSE_TARGETS };
    // Friday 27 November 2026, 16:30 London (UTC in winter): Friday closes 17:00, Saturday opens 09:00.
    const friday = '2026-11-27T16:30:00.000Z';
    expect(computeDueAt(friday, centre, 'callback', 'emergency')).toBe(friday);
    expect(computeDueAt(friday, centre, 'callback', 'routine')).toBe('2026-11-28T10:30:00.000Z');
    // Saturday 26 December 12:30: Sunday is closed and Monday 28th is the Boxing Day bank holiday.
    expect(computeDueAt('2026-12-26T12:30:00.000Z', centre, 'callback', 'routine')).toBe('2026-12-29T10:00:00.000Z');
    // Summer time: Friday 3 July 16:30 BST (15:30Z) → Saturday 10:30 BST (09:30Z).
    expect(computeDueAt('2026-07-03T15:30:00.000Z', centre, 'callback', 'routine')).toBe('2026-07-04T09:30:00.000Z');
    expect(localParts('2026-07-01T23:30:00.000Z', 'Europe/London')).toEqual({ date: '2026-07-02', hour: 0, weekday: 4 });
  });

  it('signs form tokens with their issue time and spots fast, forged and altered ones', () => {
    const secret = 'test-secret';
    const now = Date.parse('2026-11-26T10:00:00Z');
    const { token } = issueFormToken(secret, now);
    expect(checkFormToken(secret, token, now + 500)).toBe('too-fast');
    expect(checkFormToken(secret, token, now + MIN_FILL_MS + 1)).toBe('ok');
    expect(checkFormToken('other-secret', token, now + 10_000)).toBe('bad-token');
    const [issued, signature] = token.split('.');
    expect(checkFormToken(secret, `${(parseInt(issued!, 36) - 60_000).toString(36)}.${signature}`, now + 10_000)).toBe('bad-token');
    expect(checkFormToken(secret, 'garbage', now)).toBe('bad-token');
    expect(checkFormToken(secret, issueFormToken(secret, now + 3_600_000).token, now)).toBe('bad-token');
    expect(clientKey(secret, '203.0.113.9')).not.toContain('203');
    expect(clientKey(secret, '203.0.113.9')).toBe(clientKey(secret, '203.0.113.9'));
  });
});

describe('queue row previews (toSummary)', () => {
  const flagged = (message: string) => ({ message, flags: screen(message).redFlags });
  function row(id: string, message: string, version = 1): SummaryRow {
    return {
      id, reference: 'CB-AAAAA', kind: 'callback', source: 'phone', name: 'A Patient', phone: null, phone_e164: null, email: null, centre_id: null,
      centre_name: null, message, priority: 'emergency', red_flags: JSON.stringify(flagged(message).flags), flags_acknowledged_at: null, status: 'new',
      outcome: null, holder_id: null, holder_name: null, held_at: null, hold_expires_at: null, received_at: '2026-11-26T09:00:00.000Z',
      due_at: '2026-11-26T09:00:00.000Z', first_contact_at: null, attempt_count: 0, last_attempt_at: null, next_attempt_at: null,
      failed_attempt_count: 0, match_kind: null, match_count: 0, quarantined: 0, quarantine_reason: null, version,
    };
  }

  it('builds a request\'s preview once and shares it, frozen, while its message and flags are unchanged', () => {
    const first = toSummary(row('req-preview-1', 'Numb between my legs since this morning'));
    const again = toSummary(row('req-preview-1', 'Numb between my legs since this morning', 2));
    expect(first.redFlags.length).toBeGreaterThan(0);
    expect(again.redFlags).toBe(first.redFlags);
    expect(Object.isFrozen(again.redFlags) && Object.isFrozen(again.redFlags[0])).toBeTrue();
  });

  it('never shows a stale preview: an edited message is previewed afresh', () => {
    const before = toSummary(row('req-preview-2', 'Numb between my legs since this morning'));
    const after = toSummary(row('req-preview-2', 'Back pain after gardening, no other symptoms'));
    expect(after.messagePreview).toBe('Back pain after gardening, no other symptoms');
    expect(after.redFlags).toEqual([]);
    expect(before.redFlags).not.toEqual([]);
  });
});
