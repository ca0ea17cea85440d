import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { emptyFinding } from '../../../../../shared/exam';
import { buildFindingForm, findingFromForm, type FindingForm } from '../../form/exam-form';
import { FindingRow } from './finding-row';

@Component({
  imports: [FindingRow],
  template: `<cd-finding-row [group]="group()" [index]="0" />`,
})
class Host {
  readonly group = signal<FindingForm>(buildFindingForm(emptyFinding('facet-joint', 'f1')));
}

describe('FindingRow', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [Host], providers: [provideZonelessChangeDetection()] }).compileComponents();
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  const testNames = () => Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('.test-name')).map((e) => e.textContent?.trim());

  it('shows the tests of the chosen type, and for a disc only the ones for its region', async () => {
    expect(testNames()).toContain("Kemp's test");
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const type = await loader.getHarness(MatSelectHarness.with({ selector: '#exam-findings-0-type' }));
    await type.clickOptions({ text: 'Disc irritation (suspected nerve root)' });
    await fixture.whenStable();
    expect(testNames()).toEqual(['Straight leg raise (SLR)', 'Crossed straight leg raise', 'Slump test', "Spurling's test", 'Neck distraction test', 'Upper-limb tension test (ULTT)', 'Neck rotation']);

    const region = await loader.getHarness(MatSelectHarness.with({ selector: '#exam-findings-0-region' }));
    await region.clickOptions({ text: 'Neck (cervical)' });
    await fixture.whenStable();
    expect(testNames()).toEqual(["Spurling's test", 'Neck distraction test', 'Upper-limb tension test (ULTT)', 'Neck rotation']);
  });

  it('offers only the segments of the region and clears one that no longer fits', async () => {
    const group = fixture.componentInstance.group();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const region = await loader.getHarness(MatSelectHarness.with({ selector: '#exam-findings-0-region' }));
    await region.clickOptions({ text: 'Low back (lumbar)' });
    const segment = await loader.getHarness(MatSelectHarness.with({ selector: '#exam-findings-0-segment' }));
    await segment.open();
    const options = await segment.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual(['Not chosen', 'L1/2', 'L2/3', 'L3/4', 'L4/5', 'L5/S1']);
    await segment.clickOptions({ text: 'L4/5' });
    await region.clickOptions({ text: 'Neck (cervical)' });
    expect(group.controls.segment.value).toBeNull();
  });

  it('records a test result through its toggle', async () => {
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const kemps = await loader.getHarness(MatButtonToggleGroupHarness.with({ selector: '#exam-findings-0-tests-kemps' }));
    const [, , positive] = await kemps.getToggles();
    await positive!.check();
    const finding = findingFromForm(fixture.componentInstance.group().getRawValue());
    expect(finding.type === 'facet-joint' && finding.tests.kemps.result).toBe('positive');
  });
});
