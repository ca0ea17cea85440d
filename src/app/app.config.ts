import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { PlatformLocation } from '@angular/common';
import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import * as authEffects from './core/auth/auth.effects';
import { authFeature } from './core/auth/auth.feature';
import { authInterceptor } from './core/auth/auth.interceptor';
import { warmRouteChunks } from './core/shell/warm-route-chunks';
import { centreFeature } from './core/centre/centre.feature';
import * as centreEffects from './core/centre/centre.effects';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([authInterceptor]),
    ),
    provideStore({ [authFeature.name]: authFeature.reducer, [centreFeature.name]: centreFeature.reducer }),
    provideEffects(authEffects, centreEffects),
    // The page's lazy chunks download alongside the session check instead of after it (see warmRouteChunks).
    provideAppInitializer(() => warmRouteChunks(routes, inject(PlatformLocation).pathname)),
  ],
};
