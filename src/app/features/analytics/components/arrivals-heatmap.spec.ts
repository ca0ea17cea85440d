import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { arrivalsGrid } from '../model/charts';
import { analyticsFixture } from '../testing/fixtures';
import { ArrivalsHeatmap } from './arrivals-heatmap';

describe('ArrivalsHeatmap', () => {
  it('is a real table: days as row headers, hours as column headers, counts in cells, shaded by count', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(ArrivalsHeatmap);
    fixture.componentRef.setInput('grid', arrivalsGrid(analyticsFixture()));
    await fixture.whenStable();
    const table: HTMLTableElement = fixture.nativeElement.querySelector('table');
    expect(table.querySelector('caption')?.textContent).toContain('Requests arriving by weekday and hour');
    const rowHeaders = Array.from(table.querySelectorAll('tbody th[scope=row]')).map((th) => th.textContent);
    expect(rowHeaders).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(table.querySelectorAll('thead th[scope=col]').length).toBe(13 + 2);
    const monday9 = table.querySelectorAll('tbody tr')[0].querySelectorAll('td')[1] as HTMLElement;
    expect(monday9.textContent).toBe('4');
    expect(monday9.style.getPropertyValue('--level')).toBe('1');
    expect(monday9.classList).toContain('strong');
  });
});
