import type { Route, Routes } from '@angular/router';

/**
 * Starts downloading the lazy chunks of the page at `url` (its shell, area and page) at once.
 *
 * Left to the router they load one after another, and only after `/api/auth/session` answers,
 * because each level's guards run before its `loadChildren`/`loadComponent`: session → shell →
 * area routes → page → the page's data request. Called at bootstrap, this overlaps all of that with
 * the session request; the router's own calls later get the same, already loaded, ES modules.
 * Guards are not consulted: fetching code a guard may refuse is harmless (the API refuses the data).
 */
export function warmRouteChunks(routes: Routes, url: string): void {
  const segments = url.split(/[?#]/)[0].split('/').filter((segment) => segment !== '');
  void warm(routes, segments);
}

async function warm(routes: Routes, segments: string[]): Promise<void> {
  for (const route of routes) {
    const consumed = consumes(route, segments);
    if (consumed === undefined) continue;
    const component = route.loadComponent?.();
    if (component instanceof Promise) component.catch(() => undefined); // the router reports a failed load itself
    const rest = segments.slice(consumed);
    const children = route.children ?? (route.loadChildren ? await childrenOf(route) : undefined);
    if (children) await warm(children, rest);
    return; // the first match, as the router's own matching does when its guards allow it
  }
}

/** How many segments `route.path` matches at the start of `segments`; undefined when it does not. */
function consumes(route: Route, segments: string[]): number | undefined {
  const path = route.path ?? '';
  if (path === '**') return segments.length;
  const parts = path === '' ? [] : path.split('/');
  if (parts.length > segments.length) return undefined;
  if (!parts.every((part, i) => part.startsWith(':') || part === segments[i])) return undefined;
  const hasChildren = route.children !== undefined || route.loadChildren !== undefined;
  const full = route.pathMatch === 'full' || !hasChildren;
  return full && parts.length !== segments.length ? undefined : parts.length;
}

async function childrenOf(route: Route): Promise<Routes | undefined> {
  try {
    const loaded: unknown = await route.loadChildren!();
    return Array.isArray(loaded) ? (loaded as Routes) : undefined;
  } catch {
    return undefined;
  }
}
