import { ApplicationRef, ChangeDetectionStrategy, Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RenderSteps } from './render-steps';

@Component({
  selector: 'cd-steps-host',
  template: `<p>{{ drawn() }}</p>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class StepsHost {
  readonly drawn = signal(0);
}

describe('RenderSteps', () => {
  let steps: RenderSteps;
  let appRef: ApplicationRef;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    steps = TestBed.inject(RenderSteps);
    appRef = TestBed.inject(ApplicationRef);
  });

  it('runs the steps in order, each in a task of its own, and the app is busy until the last has run', async () => {
    const ran: string[] = [];
    let ranBeforeNextTask = -1;
    steps.add(() => {
      ran.push('a');
      // Microtasks run before any other task: had "b" run in this task, it would be counted here.
      queueMicrotask(() => (ranBeforeNextTask = ran.length));
    });
    steps.add(() => ran.push('b'));
    steps.add(() => ran.push('c'));
    expect(ran).withContext('nothing runs in the task that adds the steps').toEqual([]);
    await appRef.whenStable();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(ranBeforeNextTask).toBe(1);
  });

  it('starts a step only after the one before it has been rendered', async () => {
    const fixture = TestBed.createComponent(StepsHost);
    await fixture.whenStable();
    const seen: string[] = [];
    steps.add(() => fixture.componentInstance.drawn.set(1));
    steps.add(() => seen.push((fixture.nativeElement as HTMLElement).textContent ?? ''));
    await appRef.whenStable();
    expect(seen).toEqual(['1']);
  });

  it('drops a step that has not run when asked (its part went away)', async () => {
    const ran: string[] = [];
    const drop = steps.add(() => ran.push('gone'));
    steps.add(() => ran.push('kept'));
    drop();
    await appRef.whenStable();
    expect(ran).toEqual(['kept']);
  });
});
