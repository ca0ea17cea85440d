import { Injectable, type Provider } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MAT_NATIVE_DATE_FORMATS, NativeDateAdapter } from '@angular/material/core';

/** Reads a typed date as day/month/year, the UK order; the native adapter would read 01/02 as 2 January. */
@Injectable()
export class UkDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      const match = /^\s*(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})\s*$/.exec(value);
      if (match) {
        const [, d, m, y] = match.map(Number) as [number, number, number, number];
        const date = new Date(y, m - 1, d);
        return date.getMonth() === m - 1 ? date : this.invalid();
      }
    }
    return super.parse(value, parseFormat);
  }
}

export function provideUkDateAdapter(): Provider[] {
  return [
    { provide: MAT_DATE_LOCALE, useValue: 'en-GB' },
    { provide: DateAdapter, useClass: UkDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  ];
}
