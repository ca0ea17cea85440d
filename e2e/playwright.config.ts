import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

const DEMO_PORT = Number(process.env['E2E_PORT'] ?? 4301);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  testIgnore: ['perf/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './.artifacts/results',
  use: {
    baseURL: `http://localhost:${DEMO_PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The demo server: the built app on a fresh embedded database, as `npm run demo` runs it.
  webServer: {
    command: `node --import tsx src/server/main.ts --demo`,
    cwd: '..',
    url: `http://localhost:${DEMO_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(DEMO_PORT), HOST: '127.0.0.1', DATA_DIR: `${process.env['TMPDIR'] ?? '/tmp'}/clinic-desk-e2e-demo`, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  },
});
