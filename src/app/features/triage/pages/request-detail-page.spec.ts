import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { authFeature } from '../../../core/auth/auth.feature';
import { sessionFixture } from '../../../testing/fixtures';
import { RequestDetailActions } from '../state/requests.actions';
import { requestsFeature, type WriteState } from '../state/requests.feature';
import { detailFixture, emergencyDetail } from '../testing/request-fixtures';
import { RequestDetailPage } from './request-detail-page';

describe('RequestDetailPage', () => {
  let fixture: ComponentFixture<RequestDetailPage>;
  let store: MockStore;
  const idle: WriteState = { write: null, status: 'idle', error: null, latest: null };

  async function setup(request = emergencyDetail({ id: 'e1', version: 4 }), writeState: WriteState = idle) {
    await TestBed.configureTestingModule({
      imports: [RequestDetailPage],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideMockStore({
          selectors: [
            { selector: authFeature.selectUser, value: sessionFixture().user },
            { selector: requestsFeature.selectDetail, value: request },
            { selector: requestsFeature.selectDetailStatus, value: 'loaded' },
            { selector: requestsFeature.selectDetailError, value: null },
            { selector: requestsFeature.selectWriteState, value: writeState },
            { selector: requestsFeature.selectLatestChange, value: writeState.latest ? { who: 'Jo Bloggs', at: '2026-11-26T10:05:00Z', action: 'attempt-logged' } : null },
            { selector: requestsFeature.selectClaiming, value: {} },
            { selector: requestsFeature.selectClaimErrors, value: {} },
          ],
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(RequestDetailPage);
    fixture.componentRef.setInput('id', request.id);
    await fixture.whenStable();
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  it('loads the request named in the address', async () => {
    await setup();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.opened({ id: 'e1' }));
  });

  it('shows the red flag, its action and script, with an explicit acknowledge', async () => {
    await setup();
    expect(text()).toContain('Possible cauda equina');
    expect(text()).toContain('Advise 999 or A&E now');
    expect(text()).toContain('Please call 999 or go to A&E now');
    const mark = (fixture.nativeElement as HTMLElement).querySelector('.message mark');
    expect(mark?.textContent).toBe('numb down below');
    const button = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Acknowledge')!;
    button.click();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.acknowledgeClicked({ id: 'e1', version: 4 }));
  });

  it('explains a stale write, names who changed it and offers the fresh copy', async () => {
    const latest = emergencyDetail({ id: 'e1', version: 5 });
    await setup(emergencyDetail({ id: 'e1', version: 4 }), {
      write: 'attempt', status: 'stale', error: { status: 412, code: 'stale', message: 'Changed', fields: {} }, latest,
    });
    expect(text()).toContain('Someone else changed this request');
    expect(text()).toContain('Jo Bloggs');
    const button = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).find((b) => b.textContent?.includes('Show the latest copy'))!;
    button.click();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.useLatestClicked());
  });

  it('suggests closing as unable to contact after three failed calls', async () => {
    const attempts = [1, 2, 3].map((n) => ({
      id: `a${n}`, at: `2026-11-26T0${n}:00:00Z`, staff: { id: 'u1', name: 'Sam Patel' }, outcome: 'no-answer' as const, note: '', nextAttemptAt: null,
    }));
    await setup(detailFixture({ id: 'r1', attempts, attemptCount: 3, suggestClose: true, status: 'in-progress' }));
    expect(text()).toContain('3 calls without reaching them');
  });

  it('links the matching patient', async () => {
    await setup(detailFixture({
      id: 'r2', version: 9,
      matches: { patients: [{ id: 'p1', name: 'Ann Example', dateOfBirth: '1970-01-02', phone: '07700 900123', reasons: ['same-phone'], score: 0.9, match: 'existing-patient' }], requests: [] },
    }));
    expect(text()).toContain('Same phone number');
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[aria-label="Link to patient Ann Example"]')!;
    button.click();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.linkPatientClicked({ id: 'r2', version: 9, patientId: 'p1' }));
  });

  it('reopens a closed request', async () => {
    await setup(detailFixture({ id: 'r3', version: 2, status: 'closed', outcome: 'advice-given' }));
    expect(text()).toContain('Advice given');
    const button = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Reopen')!;
    button.click();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.reopenClicked({ id: 'r3', version: 2 }));
  });

  const buttonNamed = (name: string) =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(name));

  it('corrects the contact details in place and sends them with the version the user saw', async () => {
    await setup(detailFixture({ id: 'r4', version: 6, name: 'Ann Exmaple', phone: '07700 900123', message: 'Sore neck' }));
    buttonNamed('Edit details')!.click();
    await fixture.whenStable();
    const name = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('cd-request-contact-form input[formcontrolname=name]')!;
    expect(name.value).toBe('Ann Exmaple');
    name.value = 'Ann Example';
    name.dispatchEvent(new Event('input'));
    buttonNamed('Save details')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(RequestDetailActions.detailsSubmitted({
      id: 'r4', version: 6,
      input: { kind: 'callback', name: 'Ann Example', phone: '07700 900123', email: '', centreId: 'c1', message: 'Sore neck', preferredTime: 'morning' },
    }));
  });

  it('offers Reassign to managers only', async () => {
    await setup(detailFixture({ id: 'r5', holder: { id: 'u9', name: 'Jo Bloggs' }, heldAt: '2026-11-26T09:00:00Z', status: 'in-progress' }));
    expect(buttonNamed('Reassign')).toBeUndefined();
    store.overrideSelector(authFeature.selectUser, sessionFixture({ role: 'manager' }).user);
    store.refreshState();
    await fixture.whenStable();
    expect(buttonNamed('Reassign')).toBeDefined();
  });
});
