import type { Routes } from '@angular/router';
import { warmRouteChunks } from './warm-route-chunks';

describe('warmRouteChunks', () => {
  function fixture() {
    const loaded: string[] = [];
    const component = (name: string) => () => {
      loaded.push(name);
      return Promise.resolve(class {});
    };
    const area: Routes = [
      { path: '', children: [
        { path: 'new', loadComponent: component('new-page') },
        { path: ':visitId', loadComponent: component('exam-page') },
      ] },
    ];
    const routes: Routes = [
      { path: 'sign-in', loadComponent: component('sign-in') },
      { path: '', loadComponent: component('shell'), children: [
        { path: '', pathMatch: 'full', children: [] },
        { path: 'patients', loadChildren: () => (loaded.push('patients-area'), Promise.resolve([])) },
        { path: 'visits', loadChildren: () => (loaded.push('visits-area'), Promise.resolve(area)) },
        { path: '**', loadComponent: component('not-found') },
      ] },
    ];
    return { loaded, routes };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve));

  it('loads the shell, the area and the page of a deep link, and nothing else', async () => {
    const { loaded, routes } = fixture();
    warmRouteChunks(routes, '/visits/42?tab=soap');
    await settle();
    expect(loaded).toEqual(['shell', 'visits-area', 'exam-page']);
  });

  it('loads only what a top-level page needs', async () => {
    const { loaded, routes } = fixture();
    warmRouteChunks(routes, '/sign-in?returnUrl=%2Fvisits%2F42');
    await settle();
    expect(loaded).toEqual(['sign-in']);
  });

  it('follows the router to the catch-all for an unknown path', async () => {
    const { loaded, routes } = fixture();
    warmRouteChunks(routes, '/nowhere/at/all');
    await settle();
    expect(loaded).toEqual(['shell', 'not-found']);
  });
});
