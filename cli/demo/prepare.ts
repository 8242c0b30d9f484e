import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Config } from '../../core/config.js';
import type { Store } from '../../core/ports/stores.js';
import { ensureAdmin, ensureDemoUsers, type DemoUser } from '../../workflows/auth/bootstrap-users.js';
import { DEMO_ORGANISATIONS } from './demo-constituency.js';

/** Display names are people's names: the UI shows the role next to them, in the user's language. */
const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Jana Berger', role: 'admin', organizationId: null },
  { username: 'analyst', displayName: 'Tobias Krause', role: 'analyst', organizationId: null },
  { username: 'officer', displayName: 'Erika Muster', role: 'officer', organizationId: 'radebeul' },
  { username: 'recipient', displayName: 'Paul Schneider', role: 'recipient', organizationId: 'radebeul' },
  { username: 'officer2', displayName: 'Sabine Vogel', role: 'officer', organizationId: 'moritzburg' },
];

/**
 * `--demo` only: the demo constituency and one user per role. The password is
 * LAGEBILD_DEMO_PASSWORD or a random one, printed once, so no fixed credential ever ships.
 * Users of an earlier demo run keep their password; the printed one applies to new ones.
 */
export async function prepareDemo(store: Store, config: Config, clock: Clock, options: { quiet?: boolean } = {}): Promise<void> {
  for (const organisation of DEMO_ORGANISATIONS) await store.organisations.upsert(organisation);
  const password = config.demoPassword ?? randomBytes(9).toString('base64url');
  await ensureDemoUsers(store, clock, password, DEMO_USERS);
  if (options.quiet) return;
  const rows = DEMO_USERS.map((user) => `  ${user.username.padEnd(10)} ${user.role.padEnd(9)} ${user.organizationId ?? 'SAX.CERT'}`);
  process.stdout.write(`\nDemo-Zugänge / demo logins (Passwort / password: ${password})\n${rows.join('\n')}\n`);
}

/** A first start without demo data gets one admin with a one-time password, printed once. */
export async function prepareFirstStart(store: Store, clock: Clock): Promise<void> {
  const created = await ensureAdmin(store, clock);
  if (created) process.stdout.write(`\nErster Start: Benutzer "${created.username}", Einmal-Passwort / one-time password: ${created.password}\n`);
}
