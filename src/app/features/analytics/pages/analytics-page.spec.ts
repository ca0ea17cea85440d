import { provideZonelessChangeDetection, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { provideCharts } from 'ng2-charts';
import { RenderSteps } from '../../../core/render/render-steps';
import { ManualRenderSteps } from '../../../testing/manual-render-steps';
import { ANALYTICS_CHART_PARTS } from '../analytics.routes';
import { chartTheme, requestsPerDayChart, tableCsv } from '../model/charts';
import { presetRange, ukToday } from '../model/date-range';
import { AnalyticsPageActions } from '../state/analytics.actions';
import type { AnalyticsState } from '../state/analytics.feature';
import { analyticsFixture, emptyAnalytics, FILTERS, mockRootState } from '../testing/fixtures';
import { AnalyticsPage } from './analytics-page';

describe('AnalyticsPage', () => {
  async function setUp(analytics: Partial<AnalyticsState> = {}, providers: Provider[] = []) {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideMockStore({ initialState: mockRootState(analytics) }),
        provideCharts({ registerables: ANALYTICS_CHART_PARTS }),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        ...providers,
      ],
    });
    const store = TestBed.inject(MockStore);
    const dispatch = spyOn(store, 'dispatch').and.callThrough();
    const fixture = TestBed.createComponent(AnalyticsPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    return { fixture, element, dispatch, loader: TestbedHarnessEnvironment.loader(fixture) };
  }

  it('opens on the last 30 days for the centre chosen in the toolbar', async () => {
    const { dispatch } = await setUp();
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.opened({
      filters: { ...presetRange('last-30', ukToday()), preset: 'last-30', centre: 'all', compare: false },
    }));
  });

  it('says when it leaves, so the toolbar picker stops fetching in the background', async () => {
    const { fixture, dispatch } = await setUp();
    fixture.destroy();
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.closed());
  });

  it('shows the headline figures with their meaning, and what they cover', async () => {
    const { element } = await setUp();
    const tiles = Array.from(element.querySelectorAll('.tile')).map((t) => t.textContent ?? '');
    expect(tiles.length).toBe(8);
    expect(tiles[1]).toContain('1 h 25 min');
    expect(tiles[1]).toContain('counting opening hours only');
    expect(element.querySelector('.scope')?.textContent).toContain('2 Nov 2026 to 4 Nov 2026 · Bath, Bristol');
    expect(element.querySelectorAll('canvas').length).toBe(8);
  });

  it('draws each chart in a step of its own after the first paint, in a box that already has its height', async () => {
    const steps = new ManualRenderSteps();
    const { fixture, element } = await setUp({}, [{ provide: RenderSteps, useValue: steps }]);
    const boxes = Array.from(element.querySelectorAll<HTMLElement>('cd-chart-card .chart'));
    expect(boxes.length).toBe(8);
    expect(boxes.map((b) => b.getBoundingClientRect().height)).toEqual([280, 280, 280, 280, 280, 260, 280, 280]);
    expect(element.querySelectorAll('canvas').length).toBe(0);
    // One step per card, the heat map's included (it has no chart.js canvas).
    expect(steps.waiting).toBe(9);
    steps.run(1);
    await fixture.whenStable();
    expect(element.querySelectorAll('canvas').length).toBe(1);
    expect(boxes[0]!.querySelector('canvas')).not.toBeNull();
    steps.run();
    await fixture.whenStable();
    expect(element.querySelectorAll('canvas').length).toBe(8);
  });

  it('shows a chart\'s numbers as a real table on request', async () => {
    const { element, loader } = await setUp();
    const perDayCard = element.querySelector('cd-chart-card')!;
    expect(perDayCard.querySelector('table')).toBeNull();
    const toggles = await loader.getAllHarnesses(MatButtonToggleHarness.with({ text: 'Table' }));
    await toggles[0].check();
    const table = perDayCard.querySelector('table')!;
    expect(table.querySelector('caption')?.textContent).toBe('Requests received per day by kind');
    expect(Array.from(table.querySelectorAll('thead th')).every((th) => th.getAttribute('scope') === 'col')).toBeTrue();
    const firstRow = table.querySelector('tbody tr')!;
    expect(firstRow.querySelector('th')?.getAttribute('scope')).toBe('row');
    expect(Array.from(firstRow.children).map((c) => c.textContent)).toEqual(['2 Nov 2026', '3', '1', '4']);
    expect(perDayCard.querySelector('canvas')).toBeNull();
  });

  it('downloads exactly the rows of the table as CSV, named with the range', async () => {
    const { element, loader } = await setUp();
    const createUrl = spyOn(URL, 'createObjectURL').and.returnValue('blob:analytics');
    spyOn(URL, 'revokeObjectURL');
    let downloaded = '';
    spyOn(HTMLAnchorElement.prototype, 'click').and.callFake(function (this: HTMLAnchorElement) { downloaded = this.download; });
    const perDayCard = await loader.getHarness(MatButtonHarness.with({ text: /Download CSV/, ancestor: 'cd-chart-card:first-of-type' }));
    await perDayCard.click();
    expect(downloaded).toBe('clinic-desk-requests-per-day-by-kind-2026-11-02-to-2026-11-04.csv');
    const blob = createUrl.calls.mostRecent().args[0] as Blob;
    const expected = tableCsv(requestsPerDayChart(analyticsFixture(), 'kind', chartTheme(false)).table);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer())).toBe('\ufeff' + expected);
    expect(element).toBeTruthy();
  });

  it('asks for another centre when the manager picks one', async () => {
    const { dispatch, loader } = await setUp();
    const select = await loader.getHarness(MatSelectHarness.with({ selector: '.centre-select' }));
    expect(await select.getValueText()).toBe('All my centres');
    await select.open();
    expect((await select.getOptions()).length).toBe(3);
    await select.clickOptions({ text: 'Bristol' });
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.centreChanged({ centre: 'c2' }));
  });

  it('asks for a preset range', async () => {
    const { dispatch, loader } = await setUp();
    const select = await loader.getHarness(MatSelectHarness.with({ selector: '.period-select' }));
    await select.open();
    await select.clickOptions({ text: 'Last 7 days' });
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.rangeChanged({ ...presetRange('last-7', ukToday()), preset: 'last-7' }));
  });

  it('puts centres side by side when comparing', async () => {
    const { dispatch, loader, element } = await setUp();
    await (await loader.getHarness(MatSlideToggleHarness.with({ label: 'Compare centres' }))).toggle();
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.compareToggled({ compare: true }));

    TestBed.resetTestingModule();
    const each = [
      { centreId: 'c1', centreName: 'Bath', data: analyticsFixture() },
      { centreId: 'c2', centreName: 'Bristol', data: analyticsFixture() },
    ];
    const compared = await setUp({ filters: { ...FILTERS, compare: true }, perCentre: each });
    expect(compared.element.querySelector('cd-chart-card h2')?.textContent).toBe('Requests per day, by centre');
    expect(element).toBeTruthy();
  });

  it('offers comparing only when all centres are shown', async () => {
    const { loader } = await setUp({ filters: { ...FILTERS, centre: 'c1' } });
    expect(await (await loader.getHarness(MatSlideToggleHarness.with({ label: 'Compare centres' }))).isDisabled()).toBeTrue();
  });

  it('says when a range has nothing to chart', async () => {
    const { element, loader } = await setUp({ data: emptyAnalytics() });
    expect(element.querySelectorAll('canvas').length).toBe(0);
    expect(element.textContent).toContain('No requests arrived in this range.');
    expect(element.textContent).toContain('No advice sheets were issued in this range.');
    const downloads = await loader.getAllHarnesses(MatButtonHarness.with({ text: /Download CSV/ }));
    for (const button of downloads) expect(await button.isDisabled()).toBeTrue();
  });

  it('explains a failure and retries', async () => {
    const error = { status: 0, code: 'offline', message: 'The server cannot be reached. Check the connection and try again.', fields: {} };
    const { element, dispatch, loader } = await setUp({ status: 'failed', error });
    expect(element.querySelector('[role=alert]')?.textContent).toContain('The server cannot be reached.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    expect(dispatch).toHaveBeenCalledWith(AnalyticsPageActions.retryClicked());
  });
});
