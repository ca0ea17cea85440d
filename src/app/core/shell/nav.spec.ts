import type { Area } from '../../../shared/roles';
import { linksFor } from './nav';

describe('navigation by role', () => {
  const everything = new Set<Area>(['requests', 'diary', 'today', 'patients', 'analytics', 'admin']);
  const labels = (links: { label: string }[]) => links.map((l) => l.label);

  it('gives a receptionist Requests, Diary and Patients', () => {
    expect(labels(linksFor('receptionist', everything))).toEqual(['Requests', 'Diary', 'Patients']);
  });

  it('gives a chiropractor Today and Patients', () => {
    expect(labels(linksFor('chiropractor', everything))).toEqual(['Today', 'Patients']);
  });

  it('gives a manager everything, Analytics and Admin included', () => {
    expect(labels(linksFor('manager', everything))).toEqual(['Requests', 'Diary', 'Today', 'Patients', 'Analytics', 'Admin']);
  });

  it('shows nothing to someone not signed in, and only areas this build routes', () => {
    expect(linksFor(null, everything)).toEqual([]);
    expect(labels(linksFor('manager', new Set<Area>(['admin'])))).toEqual(['Admin']);
  });
});
