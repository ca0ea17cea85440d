import type { Provider } from '@angular/core';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';

/** The app serves Material Symbols (styles.scss), not the older Material Icons font mat-icon assumes. */
export const ICON_FONT: Provider = { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } };
