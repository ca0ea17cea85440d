import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { of, throwError } from 'rxjs';
import type { StaffRequestInput } from '../../../../shared/api/requests';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature } from '../../../core/centre/centre.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { RequestsApi } from '../data/requests-api';
import { detailFixture } from '../testing/request-fixtures';
import { NewRequestPage } from './new-request-page';

describe('NewRequestPage', () => {
  let fixture: ComponentFixture<NewRequestPage>;
  let create: jasmine.Spy;

  async function setup(answer: ReturnType<RequestsApi['create']>) {
    create = jasmine.createSpy('create').and.returnValue(answer);
    await TestBed.configureTestingModule({
      imports: [NewRequestPage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        { provide: RequestsApi, useValue: { create } },
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture().user },
            { selector: centreFeature.selectSelected, value: 'all' },
          ],
        }),
      ],
    }).compileComponents();
    spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    fixture = TestBed.createComponent(NewRequestPage);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const input = async (label: string) =>
      (await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: new RegExp(`^${label}`) }))).getControl(MatInputHarness))!;
    await (await input('Name')).setValue('Ann Example');
    await (await input('Phone')).setValue('07700 900123');
    await (await input('What they said')).setValue('Numb down below since this morning');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Add request' }))).click();
    await fixture.whenStable();
    return { loader, input };
  }

  it('adds a phone request at the user’s only centre and opens it', async () => {
    await setup(of(detailFixture({ id: 'new-1' })));
    const sent = create.calls.mostRecent().args[0] as StaffRequestInput;
    expect(sent).toEqual(jasmine.objectContaining({
      source: 'phone', kind: 'callback', name: 'Ann Example', phone: '07700 900123', centreId: 'c1', message: 'Numb down below since this morning',
    }));
    expect(TestBed.inject(Router).navigate).toHaveBeenCalledWith(['/requests', 'new-1']);
  });

  it('keeps everything typed when the server refuses, with its word under the field', async () => {
    const refusal = new HttpErrorResponse({
      status: 400, error: { error: { code: 'validation', message: 'Some fields need correcting.', fields: { phone: 'Enter a UK phone number such as 07700 900123.' } } },
    });
    const { input } = await setup(throwError(() => refusal));
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Some fields need correcting.');
    expect(text).toContain('Enter a UK phone number such as 07700 900123.');
    expect(await (await input('Name')).getValue()).toBe('Ann Example');
    expect(TestBed.inject(Router).navigate).not.toHaveBeenCalled();
  });
});
