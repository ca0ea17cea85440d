import { DEFAULT_FILTERS, matchesFilters, rememberedFilters, rememberFilters } from './queue-filters';
import { summaryFixture } from '../testing/request-fixtures';

describe('queue filters', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');

  afterEach(() => localStorage.removeItem('cd.queue.filters.test-user'));

  it('remembers the choices per user and ignores anything garbled', () => {
    rememberFilters('test-user', { ...DEFAULT_FILTERS, kind: 'appointment', mine: true, sort: 'oldest' });
    expect(rememberedFilters('test-user')).toEqual({ ...DEFAULT_FILTERS, kind: 'appointment', mine: true, sort: 'oldest' });
    localStorage.setItem('cd.queue.filters.test-user', '{"status":"<script>","mine":"yes","sort":"random"}');
    expect(rememberedFilters('test-user')).toEqual(DEFAULT_FILTERS);
  });

  it('keeps a live request on the list only when it still matches', () => {
    const open = summaryFixture({ status: 'new' });
    expect(matchesFilters(open, DEFAULT_FILTERS, 'all', 'u1', now)).toBeTrue();
    expect(matchesFilters({ ...open, status: 'closed' }, DEFAULT_FILTERS, 'all', 'u1', now)).toBeFalse();
    expect(matchesFilters(open, { ...DEFAULT_FILTERS, mine: true }, 'all', 'u1', now)).toBeFalse();
    expect(matchesFilters({ ...open, holder: { id: 'u2', name: 'Jo' } }, { ...DEFAULT_FILTERS, unassigned: true }, 'all', 'u1', now)).toBeFalse();
    expect(matchesFilters(open, DEFAULT_FILTERS, 'other-centre', 'u1', now)).toBeFalse();
    expect(matchesFilters({ ...open, quarantined: true }, DEFAULT_FILTERS, 'all', 'u1', now)).toBeFalse();
  });

  it('matches a search by phone in any format', () => {
    const request = summaryFixture({ phone: '07700 900123', phoneE164: '+447700900123' });
    expect(matchesFilters(request, { ...DEFAULT_FILTERS, q: '+44 7700 900123' }, 'all', null, now)).toBeTrue();
    expect(matchesFilters(request, { ...DEFAULT_FILTERS, q: 'nobody' }, 'all', null, now)).toBeFalse();
  });
});
