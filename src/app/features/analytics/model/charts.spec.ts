import { analyticsFixture, emptyAnalytics } from '../testing/fixtures';
import {
  adviceChart, arrivalsGrid, breachesChart, chartTheme, csvFilename, findingsChart, firstContactChart, firstContactSummary, funnelChart,
  outcomesChart, redFlagsChart, requestsPerDayByCentreChart, requestsPerDayChart, tableCsv,
} from './charts';

describe('analytics chart transforms', () => {
  const data = analyticsFixture();
  const light = chartTheme(false);

  it('stacks requests per day by kind, filling days without requests with zero', () => {
    const m = requestsPerDayChart(data, 'kind', light);
    expect(m.config.data.labels).toEqual(['2 Nov', '3 Nov', '4 Nov']);
    expect(m.config.data.datasets.map((d) => [d.label, d.data])).toEqual([['Callback', [3, 0, 6]], ['Appointment request', [1, 0, 0]]]);
    expect(m.config.options?.scales?.['x']?.stacked).toBeTrue();
    expect(m.table.columns).toEqual(['Date', 'Callback', 'Appointment request', 'Total']);
    expect(m.table.rows).toEqual([['2 Nov 2026', 3, 1, 4], ['3 Nov 2026', 0, 0, 0], ['4 Nov 2026', 6, 0, 6]]);
    expect(m.empty).toBeFalse();
  });

  it('stacks requests per day by channel, busiest channel first', () => {
    const m = requestsPerDayChart(data, 'source', light);
    expect(m.table.columns).toEqual(['Date', 'Website form', 'Phone call', 'Total']);
    expect(m.table.rows).toEqual([['2 Nov 2026', 3, 1, 4], ['3 Nov 2026', 0, 0, 0], ['4 Nov 2026', 4, 2, 6]]);
  });

  it('puts centres side by side per day', () => {
    const bath = analyticsFixture({ requestsPerDay: [{ date: '2026-11-02', kind: 'callback', source: 'phone', count: 2 }] });
    const bristol = analyticsFixture({ requestsPerDay: [{ date: '2026-11-04', kind: 'callback', source: 'phone', count: 5 }] });
    const m = requestsPerDayByCentreChart(
      [{ centreId: 'c1', centreName: 'Bath', data: bath }, { centreId: 'c2', centreName: 'Bristol', data: bristol }], '2026-11-02', '2026-11-04', light,
    );
    expect(m.config.data.datasets.map((d) => d.label)).toEqual(['Bath', 'Bristol']);
    expect(m.config.data.datasets.every((d) => d.stack === undefined)).toBeTrue();
    expect(m.table.rows).toEqual([['2 Nov 2026', 2, 0, 2], ['3 Nov 2026', 0, 0, 0], ['4 Nov 2026', 0, 5, 5]]);
  });

  it('lays arrivals out Monday first, trimmed to the hours that matter', () => {
    const grid = arrivalsGrid(data);
    expect(grid.hours[0]).toBe(8);
    expect(grid.hours.at(-1)).toBe(20);
    expect(grid.max).toBe(4);
    expect(grid.rows.map((r) => r.name)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(grid.rows[0].cells.find((c) => c.hour === 9)).toEqual({ hour: 9, count: 4, level: 1 });
    expect(grid.rows[2].cells.find((c) => c.hour === 9)?.level).toBe(0.5);
    expect(grid.table.columns.slice(0, 3)).toEqual(['Day', '08:00', '09:00']);
    expect(grid.table.rows.map((r) => r.at(-1))).toEqual([4, 0, 3, 0, 0, 0, 3]);
    expect(grid.table.rows[6]).toEqual(['Sunday', 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('shows time to first contact against the target, buckets past it marked', () => {
    const m = firstContactChart(data, light);
    expect(m.config.data.labels?.[0]).toEqual(['Under', '30 min']);
    expect(m.config.data.datasets[0].data).toEqual([2, 3, 2, 1, 0]);
    expect(m.config.data.datasets[0].backgroundColor).toEqual([light.good, light.good, light.good, light.bad, light.bad]);
    expect(m.table.rows).toEqual([
      ['Under 30 min', 2, '25%', 'Within target'],
      ['30–60 min', 3, '38%', 'Within target'],
      ['1–2 hours', 2, '25%', 'Within target'],
      ['2–4 hours', 1, '13%', 'Over target'],
      ['Over 8 hours', 0, '0%', 'Over target'],
    ]);
    expect(firstContactSummary(data)).toEqual({ median: '1 h 25 min', p90: '2 h 30 min', target: '2 h', n: 8 });
  });

  it('charts the weekly breach rate in percent, leaving weeks with nothing due blank', () => {
    const m = breachesChart(data, light);
    expect(m.config.data.datasets[0].data).toEqual([null, 25]);
    expect(m.table.rows).toEqual([['26 Oct 2026', 0, 0, '–'], ['2 Nov 2026', 8, 2, '25%']]);
  });

  it('adds the funnel up with the conversion at each step', () => {
    const m = funnelChart(data.funnel, false, light);
    expect(m.config.data.labels).toEqual(['Received', 'Contacted (80%)', 'Booked (75%)', 'Attended (50%)']);
    expect(m.config.data.datasets.map((d) => d.data)).toEqual([[10, 8, 6, 3]]);
    expect(m.table.rows).toEqual([['All centres shown', 10, 8, '80%', 6, '75%', 3, '50%', '30%']]);
  });

  it('puts centres side by side in the funnel, with a total row in the table', () => {
    const m = funnelChart(data.funnel, true, light);
    expect(m.config.data.datasets.map((d) => [d.label, d.data])).toEqual([['Bath', [6, 5, 4, 2]], ['Bristol', [4, 3, 2, 1]]]);
    expect(m.table.rows).toEqual([
      ['Bath', 6, 5, '83%', 4, '80%', 2, '50%', '33%'],
      ['Bristol', 4, 3, '75%', 2, '67%', 1, '50%', '25%'],
      ['All centres', 10, 8, '80%', 6, '75%', 3, '50%', '30%'],
    ]);
  });

  it('lists outcomes most frequent first, in plain words, as horizontal bars', () => {
    const m = outcomesChart(data, light);
    expect(m.config.options?.indexAxis).toBe('y');
    expect(m.table.rows).toEqual([['Booked', 5, '83%'], ['Spam', 1, '17%']]);
  });

  it('breaks red-flag requests down by priority and what was done', () => {
    const m = redFlagsChart(data, light);
    expect(m.config.data.labels).toEqual(['Emergency', 'Urgent']);
    expect(m.table.columns).toEqual(['Priority', 'Sent to GP', 'Sent to 999 / A&E', 'Still open', 'Total']);
    expect(m.table.rows).toEqual([['Emergency', 0, 1, 0, 1], ['Urgent', 2, 0, 1, 3]]);
  });

  it('stacks findings by type or by region over months', () => {
    const byType = findingsChart(data, 'type', light);
    expect(byType.table.columns).toEqual(['Month', 'Facet joint sprain or dysfunction', 'Disc irritation (suspected nerve root)', 'Total']);
    expect(byType.table.rows).toEqual([['Oct 2026', 3, 0, 3], ['Nov 2026', 1, 2, 3]]);
    const byRegion = findingsChart(data, 'region', light);
    expect(byRegion.table.columns).toEqual(['Month', 'Low back (lumbar)', 'Neck (cervical)', 'Total']);
    expect(byRegion.table.rows).toEqual([['Oct 2026', 3, 0, 3], ['Nov 2026', 2, 1, 3]]);
  });

  it('counts advice sheets by module', () => {
    expect(adviceChart(data, light).table.rows).toEqual([['Calf stretch wall', 3, '60%'], ['Fluids', 2, '40%']]);
  });

  it('says every chart is empty when the range holds nothing', () => {
    const none = emptyAnalytics();
    const dark = chartTheme(true);
    expect([
      requestsPerDayChart(none, 'kind', dark), firstContactChart(none, dark), breachesChart(none, dark), funnelChart(none.funnel, false, dark),
      outcomesChart(none, dark), redFlagsChart(none, dark), findingsChart(none, 'type', dark), adviceChart(none, dark),
    ].map((m) => m.empty)).toEqual([true, true, true, true, true, true, true, true]);
    expect(arrivalsGrid(none).empty).toBeTrue();
  });

  it('uses light text on the dark theme and dark text on the light one', () => {
    const dark = chartTheme(true);
    const m = outcomesChart(data, dark);
    expect(m.config.options?.color).toBe(dark.text);
    expect(dark.text).not.toBe(light.text);
    expect(dark.series).not.toEqual(light.series);
  });
});

describe('analytics CSV', () => {
  it('exports exactly the rows of the table, header first', () => {
    const table = funnelChart(analyticsFixture().funnel, true, chartTheme(false)).table;
    const lines = tableCsv(table).trimEnd().split('\r\n');
    expect(lines.length).toBe(table.rows.length + 1);
    expect(lines[0]).toBe('Centre,Received,Contacted,% of received,Booked,% of contacted,Attended,% of booked,Received → attended');
    expect(lines[1]).toBe('Bath,6,5,83%,4,80%,2,50%,33%');
    expect(lines[3]).toBe('All centres,10,8,80%,6,75%,3,50%,30%');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const funnel = [{ centreId: 'x', centreName: '=HYPERLINK("http://evil")', received: 1, contacted: 0, booked: 0, attended: 0 },
      { centreId: 'y', centreName: '@SUM(A1)', received: 1, contacted: 0, booked: 0, attended: 0 }];
    const lines = tableCsv(funnelChart(funnel, true, chartTheme(false)).table).split('\r\n');
    expect(lines[1].startsWith(`"'=HYPERLINK(""http://evil"")",1,0,`)).toBeTrue();
    expect(lines[2].startsWith(`'@SUM(A1),1,`)).toBeTrue();
  });

  it('names the file after the figure and the range', () => {
    expect(csvFilename('funnel', '2026-11-01', '2026-11-30')).toBe('clinic-desk-funnel-2026-11-01-to-2026-11-30.csv');
  });
});
