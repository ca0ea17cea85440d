import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { provideCharts } from 'ng2-charts';
import { emptyFinding } from '../../../../shared/exam';
import { progressVisitFixture } from '../testing/exam-fixtures';
import { ProgressPageActions } from '../state/exams.actions';
import { initialProgressState, progressAdapter } from '../state/progress.feature';
import { ProgressPage } from './progress-page';

describe('ProgressPage', () => {
  let fixture: ComponentFixture<ProgressPage>;
  let store: MockStore;
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    const spasm = { ...emptyFinding('paraspinal-spasm', 's1'), region: 'lumbar' as const, side: 'left' as const };
    const visits = [
      progressVisitFixture('a', '2026-10-01', (c) => { c.outcomes.nprs = 8; c.crampProfile.episodesPerWeek = 6; c.findings = [spasm]; }),
      progressVisitFixture('b', '2026-10-15', (c) => { c.outcomes.nprs = 5; c.crampProfile.episodesPerWeek = 2; }),
    ];
    await TestBed.configureTestingModule({
      imports: [ProgressPage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideCharts({ registerables: [LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip] }),
        provideMockStore({ initialState: { examProgress: progressAdapter.setAll(visits, { ...initialProgressState, patientId: 'p1', status: 'loaded' as const }) } }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(ProgressPage);
    fixture.componentRef.setInput('patientId', 'p1');
    await fixture.whenStable();
  });

  it('loads the patient\'s progress', () => {
    expect(store.dispatch).toHaveBeenCalledWith(ProgressPageActions.opened({ patientId: 'p1' }));
  });

  it('charts each scored measure and gives the same numbers as a table', () => {
    const titles = Array.from(el().querySelectorAll('.charts h2')).map((h) => h.textContent?.trim());
    expect(titles).toEqual(['Pain score (NPRS)', 'Cramp episodes per week']);
    expect(el().querySelectorAll('.charts canvas').length).toBe(2);
    const painRows = Array.from(el().querySelectorAll('.charts section')[0]!.querySelectorAll('tbody tr')).map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(painRows[0]).toContain('Baseline');
    expect(painRows[1]).toContain('−3');
    expect(painRows[1]).toContain('Better, meaningful');
  });

  it('lists findings over time', () => {
    const row = el().querySelector('.findings tbody tr')!;
    expect(row.textContent).toContain('Spasm of the muscles beside the spine');
    expect(row.textContent).toContain('New');
    expect(row.textContent).toContain('Resolved');
  });
});
