import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { sessionFixture } from '../../../testing/fixtures';
import { AuthApiActions } from '../../../core/auth/auth.actions';
import { authFeature } from '../../../core/auth/auth.feature';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let http: HttpTestingController;
  let store: MockStore;
  let router: jasmine.SpyObj<Router>;

  beforeEach(async () => {
    router = jasmine.createSpyObj<Router>('Router', ['navigateByUrl']);
    router.navigateByUrl.and.resolveTo(true);
    await TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideMockStore({ selectors: [{ selector: authFeature.selectEndedReason, value: null }] }),
        { provide: Router, useValue: router },
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(SignInPage);
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function fillAndSubmit(email: string, password: string) {
    const element: HTMLElement = fixture.nativeElement;
    const [emailInput, passwordInput] = Array.from(element.querySelectorAll('input'));
    emailInput!.value = email;
    emailInput!.dispatchEvent(new Event('input'));
    passwordInput!.value = password;
    passwordInput!.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  }

  it('does not call the server while a field is missing', async () => {
    fillAndSubmit('', '');
    await fixture.whenStable();
    http.expectNone('/api/auth/login');
    expect(fixture.nativeElement.textContent).toContain('Enter your work email address.');
  });

  it('shows the server message when the password is wrong', async () => {
    fillAndSubmit('sam@clinic.test', 'wrong password here');
    http.expectOne('/api/auth/login').flush(
      { error: { code: 'sign_in_failed', message: 'That email and password do not match an active account.' } },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role=alert]').textContent).toContain('do not match an active account');
    expect(store.dispatch).not.toHaveBeenCalled();
  });

  it('asks for the two-factor code when the account has it on', async () => {
    fillAndSubmit('sam@clinic.test', 'correct horse battery');
    http.expectOne('/api/auth/login').flush({ status: 'totp-required' });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Enter the 6-digit code from your authenticator app');
  });

  it('signs in and returns to the page the user was on', async () => {
    fixture.componentRef.setInput('returnUrl', '/admin/audit');
    fillAndSubmit('sam@clinic.test', 'correct horse battery');
    const session = sessionFixture();
    http.expectOne('/api/auth/login').flush({ status: 'signed-in', session });
    await fixture.whenStable();
    expect(store.dispatch).toHaveBeenCalledWith(AuthApiActions.signedIn({ session }));
    expect(router.navigateByUrl).toHaveBeenCalledWith('/admin/audit');
  });

  it('never follows a return address to another site', async () => {
    fixture.componentRef.setInput('returnUrl', '//evil.example/phish');
    fillAndSubmit('sam@clinic.test', 'correct horse battery');
    http.expectOne('/api/auth/login').flush({ status: 'signed-in', session: sessionFixture() });
    await fixture.whenStable();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });
});
