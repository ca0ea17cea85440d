import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type UrlTree } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { firstValueFrom, isObservable, type Observable } from 'rxjs';
import type { Role } from '../../../../shared/roles';
import { sessionFixture } from '../../../testing/fixtures';
import { clinicalReadGuard, clinicalWriteGuard } from './exam-guards';

describe('exam guards', () => {
  function setUp(role: Role) {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({ initialState: { auth: { status: 'signed-in', session: sessionFixture({ role }), endedReason: null } } }),
      ],
    });
  }

  async function run(guard: typeof clinicalReadGuard): Promise<boolean | string> {
    const result = TestBed.runInInjectionContext(() => guard({}, [])) as Observable<boolean | UrlTree>;
    const value = isObservable(result) ? await firstValueFrom(result) : result;
    return typeof value === 'boolean' ? value : TestBed.inject(Router).serializeUrl(value as UrlTree);
  }

  it('lets chiropractors write and read', async () => {
    setUp('chiropractor');
    expect(await run(clinicalReadGuard)).toBeTrue();
    expect(await run(clinicalWriteGuard)).toBeTrue();
  });

  it('lets managers read but not start visits', async () => {
    setUp('manager');
    expect(await run(clinicalReadGuard)).toBeTrue();
    expect(await run(clinicalWriteGuard)).toBe('/not-allowed');
  });

  it('keeps receptionists out of clinical notes', async () => {
    setUp('receptionist');
    expect(await run(clinicalReadGuard)).toBe('/not-allowed');
  });
});
