import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { of } from 'rxjs';
import type { Staff } from '../../../../shared/api/foundation';
import { AdminApi } from '../../admin/data/admin-api';
import { detailFixture } from '../testing/request-fixtures';
import { mayHoldRequest } from '../../../../shared/roles';
import { ReassignForm } from './reassign-form';

function staff(overrides: Partial<Staff>): Staff {
  return {
    id: 's', email: 's@clinic.test', name: 'S', role: 'receptionist', centreIds: ['c1'], active: true, totpEnabled: false,
    mustChangePassword: false, version: 1, ...overrides,
  };
}

describe('mayHoldRequest', () => {
  it('lets an active receptionist of the centre or any manager hold it', () => {
    expect(mayHoldRequest(staff({}), 'c1')).toBeTrue();
    expect(mayHoldRequest(staff({ centreIds: ['c2'] }), 'c1')).toBeFalse();
    expect(mayHoldRequest(staff({ centreIds: ['c2'] }), null)).toBeTrue();
    expect(mayHoldRequest(staff({ active: false }), 'c1')).toBeFalse();
    expect(mayHoldRequest(staff({ role: 'chiropractor' }), 'c1')).toBeFalse();
    expect(mayHoldRequest(staff({ role: 'manager', centreIds: [] }), 'c1')).toBeTrue();
  });
});

describe('ReassignForm', () => {
  it('offers only who may hold it, not the current holder, and sends the choice', async () => {
    const list = [
      staff({ id: 'a', name: 'Ali Holder' }),
      staff({ id: 'b', name: 'Bea Desk' }),
      staff({ id: 'c', name: 'Cal Elsewhere', centreIds: ['c2'] }),
      staff({ id: 'd', name: 'Dr Spine', role: 'chiropractor' }),
      staff({ id: 'm', name: 'Max Manager', role: 'manager', centreIds: [] }),
    ];
    await TestBed.configureTestingModule({
      imports: [ReassignForm],
      providers: [provideZonelessChangeDetection(), { provide: AdminApi, useValue: { listStaff: () => of(list) } }],
    }).compileComponents();
    const fixture = TestBed.createComponent(ReassignForm);
    fixture.componentRef.setInput('request', detailFixture({ holder: { id: 'a', name: 'Ali Holder' }, centre: { id: 'c1', name: 'Riverside Centre' } }));
    const sent: string[] = [];
    fixture.componentInstance.submitted.subscribe((id) => sent.push(id));
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    const options = await Promise.all((await select.getOptions()).map((o) => o.getText()));
    expect(options).toEqual(['Bea Desk (receptionist)', 'Max Manager (manager)']);
    await select.clickOptions({ text: 'Bea Desk (receptionist)' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Reassign' }))).click();
    expect(sent).toEqual(['b']);
  });
});
