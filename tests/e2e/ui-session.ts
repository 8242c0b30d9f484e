import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/demo-service.js';

/** Logs in through the login form, in German, and waits for the signed-in shell. */
export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.locator('#logout').waitFor();
}

/** A syslog line (RFC 5424) as an authority's sshd would send it, stamped now. */
export function sshdLine(host: string, message: string): string {
  return `<38>1 ${new Date().toISOString()} ${host} sshd 4242 - - ${message}`;
}
