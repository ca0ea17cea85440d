import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MockStore } from '@ngrx/store/testing';
import { adminState, auditEvent } from '../testing/fixtures';
import { adminTestProviders } from '../testing/providers';
import { AuditPageActions, EMPTY_AUDIT_FILTERS } from '../state/audit.actions';
import { AuditPage } from './audit-page';

describe('AuditPage', () => {
  const events = [
    auditEvent(12, { at: '2026-07-01T09:15:00.000Z', detail: { note: '<img src=x onerror=alert(1)>' } }),
    auditEvent(11, { action: 'auth.sign-in', outcome: 'failure', actorId: null, actorName: null, actorRole: null, entityType: null, entityId: null, detail: { reason: 'wrong password' } }),
  ];

  async function setUp(hasOlder = true) {
    TestBed.configureTestingModule({ providers: adminTestProviders(adminState({ events, audit: { hasOlder } })) });
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(AuditPage);
    await fixture.whenStable();
    return { fixture, dispatch, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('lists events newest first, in UK time, with details as plain text', async () => {
    const { fixture, dispatch, loader } = await setUp();
    expect(dispatch).toHaveBeenCalledWith(AuditPageActions.opened());
    const cells = await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName();
    expect(cells['time'].text[0]).toBe('1 Jul 2026, 10:15:00');
    expect(cells['actor'].text).toEqual(['Morgan HaleManager', 'Not signed in']);
    expect(cells['entity'].text[0]).toBe('Staff: Jo Evans');
    expect(cells['detail'].text).toEqual(['note: <img src=x onerror=alert(1)>', 'reason: wrong password']);
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('td img')).toBeNull();
    expect(element.querySelector('.outcome-failure')?.textContent?.trim()).toBe('failure');
  });

  it('loads older events on request', async () => {
    const { dispatch, loader } = await setUp();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Load older events/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(AuditPageActions.loadOlderClicked());
  });

  it('says when the start of the log is reached', async () => {
    const { fixture, loader } = await setUp(false);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Load older events/ }))).toHaveSize(0);
    expect(fixture.nativeElement.textContent).toContain('That is the start of the log.');
  });

  it('applies the filters the manager typed', async () => {
    const { dispatch, loader } = await setUp();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=action]' }))).setValue('staff.');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=from]' }))).setValue('2026-07-01');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Apply/ }))).click();
    expect(dispatch).toHaveBeenCalledWith(AuditPageActions.filtersApplied({ filters: { ...EMPTY_AUDIT_FILTERS, action: 'staff.', from: '2026-07-01' } }));
  });

  it('refuses a date range that ends before it starts', async () => {
    const { fixture, dispatch, loader } = await setUp();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=from]' }))).setValue('2026-07-02');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formControlName=to]' }))).setValue('2026-07-01');
    await (await loader.getHarness(MatButtonHarness.with({ text: /Apply/ }))).click();
    expect(fixture.nativeElement.textContent).toContain('The “To” date is before the “From” date.');
    expect(dispatch).not.toHaveBeenCalledWith(jasmine.objectContaining({ type: AuditPageActions.filtersApplied.type }));
  });
});
