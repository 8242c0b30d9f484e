import type { Browser, BrowserContext, Locator, Page, ViewportSize } from 'playwright-core';
import { buildUi, collectPageProblems, launchBrowser, screenshot } from '../support/browser.js';
import { startDemoService, type DemoService, type DemoServiceOptions } from '../support/demo-service.js';
import { logIn } from './ui-session.js';

export interface BrowserSuite {
  /** Set in the suite's `before`, for the whole suite. */
  readonly demo: DemoService;
  /** A fresh German page at 1280×800 for every test. */
  readonly page: Page;
  /** The page's script errors and CSP violations so far (see collectPageProblems). */
  readonly problems: string[];
  logIn(username: string): Promise<void>;
  /** A link of the main navigation. */
  menu(label: string): Locator;
  /** Replaces the test's page with a fresh one in a new browser context of `viewport`. */
  openPage(viewport: ViewportSize): Promise<void>;
}

/**
 * Call in a `describe` body: registers the hooks of a browser suite. Before the suite: Chromium (or a
 * skip, see launchBrowser), the UI built from source, the demo service (API and detectors), then
 * `seed` for the suite's own state. Before each test a fresh browser context; a failed test leaves a
 * screenshot in test-artifacts/screenshots.
 */
export function useBrowserSuite(options: Pick<DemoServiceOptions, 'rulesDir'> & { seed?: (demo: DemoService) => Promise<void> } = {}): BrowserSuite {
  let browser: Browser | undefined;
  let demo: DemoService | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  before(async function () {
    this.timeout(180_000);
    browser = await launchBrowser(this);
    buildUi();
    demo = await startDemoService({ roles: ['detectors', 'api'], rulesDir: options.rulesDir });
    await options.seed?.(demo);
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function openPage(viewport: ViewportSize): Promise<void> {
    await context?.close();
    context = await browser!.newContext({ viewport, locale: 'de-DE' });
    page = await context.newPage();
    problems = collectPageProblems(page);
  }

  beforeEach(async () => {
    context = undefined;
    await openPage({ width: 1280, height: 800 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await context?.close();
  });

  const suite: BrowserSuite = {
    get demo() {
      return demo!;
    },
    get page() {
      return page!;
    },
    get problems() {
      return problems;
    },
    logIn: (username) => logIn(suite.page, suite.demo.baseUrl, username),
    openPage,
    menu: (label) => suite.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: label, exact: true }),
  };
  return suite;
}
