import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 4317);
// A fresh database for every run (so the demo project is id 1), removed before the server starts.
const database = "tests/.artifacts/e2e.sqlite";
// The SMTP server the email scenario starts (tests/e2e/invite-by-email.spec.ts): a fixed port beside the app's.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? port + 1000);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/.artifacts/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    // Signed in as the demo project manager (see global-setup.ts).
    storageState: "tests/.artifacts/pm-state.json",
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    // The real production build, on its own fresh database.
    command: `rm -f ${database} ${database}-wal ${database}-shm && node server.js`,
    url: `http://127.0.0.1:${port}/projects`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The demo's sponsor signatures are left out: the scenarios edit its team and vision phases
    // and sign the team themselves (db/seed-demo.test.ts checks the signed demo).
    env: { PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", DATABASE_PATH: database, GAMBEGAM_DEMO_SIGNOFFS: "off", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(SMTP_PORT), MAIL_FROM: "gambegam@e2e.example", MAIL_DIGEST: "off" },
  },
  // The phase-gate scenario signs the demo's team phase off (which locks it), so it runs
  // after the walkthrough tests that edit that phase, on the same database.
  projects: [
    { name: "chromium", testIgnore: /signoff\.spec\.ts/, use: { browserName: "chromium", viewport: { width: 1366, height: 900 } } },
    { name: "phase-gates", testMatch: /signoff\.spec\.ts/, dependencies: ["chromium"], use: { browserName: "chromium", viewport: { width: 1366, height: 900 } } },
  ],
});
