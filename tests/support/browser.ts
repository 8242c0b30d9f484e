import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package; playwright-core drives it instead of downloading its own build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-artifacts/screenshots');

/**
 * Call in a `before` hook: launches headless Chromium. Without it the suite is skipped at run time,
 * unless REQUIRE_SERVICES=1 (CI), where a missing browser is a failure.
 */
export async function launchBrowser(runningTest: Mocha.Context): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.REQUIRE_SERVICES === '1') throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (REQUIRE_SERVICES=1); apt-get install chromium`);
    runningTest.skip();
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Builds ui/dist from ui/src, so that the browser tests always exercise the current sources. */
export function buildUi(): void {
  execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'ui/tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.resolve('scripts/copy-ui-assets.js')], { stdio: 'inherit' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The width of A4 paper less 15 mm margins each side, in CSS pixels (96 per inch). */
const A4_CONTENT_WIDTH = Math.round(((210 - 30) / 25.4) * 96);

/**
 * The page as it prints: print media at the width of an A4 page's content, screenshotted whole.
 * Leaves the page in print media, so that the test can look at what is shown.
 */
export async function printScreenshot(page: Page, name: string): Promise<string> {
  await page.setViewportSize({ width: A4_CONTENT_WIDTH, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  return screenshot(page, name);
}

/** How many CSS pixels the page is wider than the viewport; 0 when nothing scrolls sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
}

/**
 * Collects uncaught script errors and Content Security Policy violations, so that a test can assert
 * that a flow ran clean. Failed requests (an expected 401 or 404) are the API's business, not listed.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}
