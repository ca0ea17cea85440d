import { type Area, canUseArea, type Role } from '../../../shared/roles';

export interface NavLink {
  area: Area;
  path: string;
  label: string;
  icon: string;
}

/** Every area of the app, in sidenav order. A role sees the links it may use. */
export const NAV_LINKS: readonly NavLink[] = [
  { area: 'requests', path: '/requests', label: 'Requests', icon: 'inbox' },
  { area: 'diary', path: '/diary', label: 'Diary', icon: 'calendar_month' },
  { area: 'today', path: '/today', label: 'Today', icon: 'today' },
  { area: 'patients', path: '/patients', label: 'Patients', icon: 'groups' },
  { area: 'analytics', path: '/analytics', label: 'Analytics', icon: 'monitoring' },
  { area: 'admin', path: '/admin', label: 'Admin', icon: 'admin_panel_settings' },
];

export function linksFor(role: Role | null, available: ReadonlySet<Area>): NavLink[] {
  if (!role) return [];
  return NAV_LINKS.filter((link) => available.has(link.area) && canUseArea(role, link.area));
}
