// Providers shared by the Admin component specs. Not imported by the app.
import { type EnvironmentProviders, type Provider, provideZonelessChangeDetection } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { adminState, type AdminTestState } from './fixtures';

export function adminTestProviders(state: AdminTestState = adminState()): (Provider | EnvironmentProviders)[] {
  return [
    provideZonelessChangeDetection(),
    provideMockStore({ initialState: state }),
    provideRouter([]),
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
