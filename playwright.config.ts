// End-to-end tests of the desk in browser mode, on the machine's Debian Chromium (browsers are never
// downloaded). Each test starts its own desk on a fresh data folder (tests/e2e/fixtures/desk.ts); the renderer
// must be built first: `npx electron-vite build && npx playwright test`.
import { defineConfig } from '@playwright/test';

// Several people may run the tests on one checkout at once: each run keeps its traces and failure screenshots
// in its own folder (a run empties its output folder when it starts). Workers inherit the id from the runner.
const runId = (process.env.GUICHET_E2E_RUN ??= `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `tests/e2e/artifacts/results/${runId}`,
  globalSetup: './tests/e2e/fixtures/globalSetup.ts',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
