import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { DEFAULT_FILTERS, type QueueFilters } from '../state/queue-filters';
import { QueueFiltersBar } from './queue-filters-bar';

describe('QueueFiltersBar', () => {
  async function setup(filters: QueueFilters = DEFAULT_FILTERS, isManager = false) {
    await TestBed.configureTestingModule({ imports: [QueueFiltersBar], providers: [provideZonelessChangeDetection()] }).compileComponents();
    const fixture = TestBed.createComponent(QueueFiltersBar);
    fixture.componentRef.setInput('filters', filters);
    fixture.componentRef.setInput('isManager', isManager);
    const changed: Partial<QueueFilters>[] = [];
    fixture.componentInstance.changed.subscribe((value) => changed.push(value));
    let resets = 0;
    fixture.componentInstance.reset.subscribe(() => resets++);
    await fixture.whenStable();
    return { fixture, changed, resets: () => resets, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('filters by kind with the select', async () => {
    const { loader, changed } = await setup();
    const [kind] = await loader.getAllHarnesses(MatSelectHarness);
    expect(await kind!.getValueText()).toBe('All kinds');
    await kind!.open();
    await kind!.clickOptions({ text: 'Appointment request' });
    expect(changed).toContain({ kind: 'appointment' });
  });

  it('filters by priority', async () => {
    const { loader, changed } = await setup();
    const selects = await loader.getAllHarnesses(MatSelectHarness);
    await selects[2]!.open();
    await selects[2]!.clickOptions({ text: 'Emergency' });
    expect(changed).toContain({ priority: 'emergency' });
  });

  it('shows Spam to managers only', async () => {
    const { loader } = await setup(DEFAULT_FILTERS, false);
    const chips = await (await loader.getHarness(MatChipListboxHarness)).getChips();
    expect(await Promise.all(chips.map((c) => c.getText()))).toEqual(['Mine', 'Unassigned', 'Overdue']);
    TestBed.resetTestingModule();
    const manager = await setup(DEFAULT_FILTERS, true);
    const managerChips = await (await manager.loader.getHarness(MatChipListboxHarness)).getChips();
    expect(await managerChips[3]!.getText()).toBe('Spam');
  });

  it('turns on "Overdue" with a chip', async () => {
    const { loader, changed } = await setup();
    const listbox = await loader.getHarness(MatChipListboxHarness);
    await listbox.selectChips({ text: 'Overdue' });
    expect(changed.at(-1)).toEqual({ mine: false, unassigned: false, overdue: true, spam: false });
  });

  it('clears the filters in one click', async () => {
    const { loader, resets } = await setup({ ...DEFAULT_FILTERS, kind: 'callback', overdue: true });
    const clear = await loader.getHarness(MatButtonHarness.with({ text: 'Clear filters (2)' }));
    await clear.click();
    expect(resets()).toBe(1);
  });
});
