import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** Clicks `trigger` and returns the file the browser saved from it: the name it offered and the text. */
export async function downloadFrom(page: Page, trigger: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}
