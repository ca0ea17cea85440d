import { expect, test } from '@playwright/test';
import { totpAt } from '../src/server/auth/totp';
import { DEMO, DEMO_PASSWORD, expectAccessible, signIn, signOut } from './helpers/demo';
import { startServer } from './helpers/server';

test.describe('signing in and out', () => {
  test('the sign-in page is accessible and refuses a wrong password without saying why', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);
    await page.getByLabel('Email').fill(DEMO.reception);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That email and password do not match an active account.');

    await page.getByLabel('Email').fill('nobody@demo.clinic');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That email and password do not match an active account.');
  });

  test('a receptionist signs in, sees the reception navigation, and signs out', async ({ page }) => {
    await signIn(page, DEMO.reception);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Analytics' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await expectAccessible(page);
    await signOut(page);
    // The session is dead on the server: the API refuses the old cookie.
    const response = await page.request.get('/api/auth/session');
    expect(response.status()).toBe(401);
  });

  test('a manager sees Admin; a receptionist is refused it in the UI and by the API', async ({ page }) => {
    await test.step('manager', async () => {
      await signIn(page, DEMO.manager);
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible();
      await signOut(page);
    });
    await test.step('receptionist', async () => {
      await signIn(page, DEMO.reception);
      await page.goto('/admin');
      await expect(page.getByRole('heading', { name: 'This page is not part of your role' })).toBeVisible();
      const response = await page.request.get('/api/staff');
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
      await expectAccessible(page);
    });
  });

  test('the profile page is accessible and keyboard reachable from the account menu', async ({ page }) => {
    await signIn(page, DEMO.chiro);
    await page.getByRole('button', { name: /Account menu/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Profile and password' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('two-factor sign-in', () => {
  test('a user enrols with an authenticator app and then needs a code to sign in', async ({ page }) => {
    const email = 'reception3@demo.clinic';
    await signIn(page, email);
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    const secret = (await page.locator('.secret code').textContent())!.trim();
    await page.getByLabel('6-digit code').fill(totpAt(secret, Date.now() / 1000));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await signOut(page);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter the 6-digit code from your authenticator app')).toBeVisible();
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert')).toContainText('That code is not right');
    // Each code works once, and enrolling used the current one: the phone's next code (the server allows one step of drift).
    await page.getByLabel('Code').fill(totpAt(secret, Date.now() / 1000 + 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  });
});

test.describe('a fresh installation', () => {
  test('the first manager signs in with the printed one-time password and must choose a new one', async ({ page }) => {
    const server = await startServer();
    try {
      const oneTimePassword = /one-time password\s+(\S+)/.exec(server.output())?.[1];
      expect(oneTimePassword).toBeTruthy();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill('manager@clinic.local');
      await page.getByLabel('Password').fill(oneTimePassword!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByText('Choose your own password to finish setting up your account.')).toBeVisible();
      // Nothing else opens until the password is changed.
      const refused = await page.request.get(`${server.url}/api/staff`);
      expect(refused.status()).toBe(403);

      await page.getByLabel('Current password').fill(oneTimePassword!);
      await page.getByLabel('New password', { exact: true }).fill('password1234');
      await page.getByLabel('New password again').fill('password1234');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByText('This password is on a list of commonly used passwords')).toBeVisible();

      await page.getByLabel('New password', { exact: true }).fill('kettle harbour violet 42');
      await page.getByLabel('New password again').fill('kettle harbour violet 42');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page).not.toHaveURL(/setup=/);
      const allowed = await page.request.get(`${server.url}/api/staff`);
      expect(allowed.status()).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test('an idle session ends, and signing in again returns to the same page', async ({ page }) => {
    const server = await startServer({ demo: true, env: { SESSION_IDLE_MINUTES: '0.1' } });
    try {
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill(DEMO.chiro);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
      await page.goto(`${server.url}/profile`);
      // Whether the 6 seconds run out while the page is open or while it loads, the user is told why.
      await expect(page.getByText('Your session ended to keep patients\' information safe')).toBeVisible({ timeout: 20_000 });
      await expect(page).toHaveURL(/returnUrl=%2Fprofile/);
      const expired = await page.request.get(`${server.url}/api/auth/session`);
      expect(expired.status()).toBe(401);
      await page.getByLabel('Email').fill(DEMO.chiro);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/profile$/);
    } finally {
      await server.stop();
    }
  });
});
