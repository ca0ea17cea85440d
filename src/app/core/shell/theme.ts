import { Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'cd.theme';

/** Light or dark, chosen by the user or, until they choose, by their system setting. */
@Injectable({ providedIn: 'root' })
export class ThemeChoice {
  readonly dark = signal(this.initial());

  constructor() {
    this.apply(this.dark());
  }

  toggle(): void {
    const dark = !this.dark();
    this.dark.set(dark);
    this.apply(dark);
    try {
      localStorage.setItem(STORAGE_KEY, dark ? 'dark' : 'light');
    } catch {
      // Storage unavailable: the choice lasts for this page.
    }
  }

  private initial(): boolean {
    try {
      const saved = localStorage.getItem(STORAGE_KEY);
      if (saved) return saved === 'dark';
    } catch {
      // fall through to the system setting
    }
    return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  }

  private apply(dark: boolean): void {
    document.documentElement.classList.toggle('dark-theme', dark);
  }
}
