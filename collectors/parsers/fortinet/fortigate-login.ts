import type { ParsedEvent } from '../parser.js';
import { ipValue, portValue } from '../kv-values.js';
import { mergeFields } from '../messages/merge-fields.js';

// The sentences FortiOS writes for administrator and FortiManager logins (FortiOS log reference,
// log ids 0100032001/0100032002 and FortiManager 0001010014/0001010018).
const SSH_LOGIN = /^Login from ssh: (\S{1,32}) for (\S{1,256}) from (\S{1,64}) port (\d{1,5})$/;
const ADMIN_LOGIN = /^(\S{1,64}) (\S{1,256}) login (\S{1,32}) from [^(\s]{0,32}\(([^)\s]{1,64})\)/;
const ADMIN_LOGGED_IN = /^(\S{1,64}) (\S{1,256}) logged in (\S{1,32}) from [^(\s]{0,32}\(([^)\s]{1,64})\)/;
const USER_FROM = /^JSON\(([^)\s]{1,64})\)$/;

/** SSL VPN logins name their result in `action` (FortiOS log id 0101039426 "SSL VPN login fail"). */
const SSL_VPN_OUTCOMES: Record<string, 'success' | 'failure'> = { 'ssl-login-fail': 'failure' };

function normalisedOutcome(word: string | undefined): 'success' | 'failure' | undefined {
  const lower = word?.toLowerCase();
  if (lower?.startsWith('fail')) return 'failure';
  if (lower?.startsWith('success')) return 'success';
  return undefined;
}

export function isLoginMessage(message: string | undefined): boolean {
  const lower = message?.toLowerCase() ?? '';
  return lower.includes('login') || lower.includes('logged in');
}

/**
 * A log whose message speaks of a login is an authentication, as Elastic's login pipeline reads it:
 * `event.action` login (over the UTM or event type), the administrator's name, role, address and outcome read
 * from FortiOS's sentences.
 */
export function addLoginFields(event: ParsedEvent, pairs: Record<string, string>): void {
  const message = event.message ?? '';
  const category = (event.event.category ??= []);
  category.push('authentication');
  event.event.action = 'login';
  let outcome: string | undefined;
  let role: string | undefined;
  let name: string | undefined;
  let ip: string | undefined;
  let port: string | undefined;
  const userFrom = USER_FROM.exec(pairs.userfrom ?? '');
  if (userFrom !== null) ip = userFrom[1];
  if (message.startsWith('user')) outcome = /^User login\/logout (\S{1,32})$/.exec(pairs.desc ?? '')?.[1];
  const ssh = SSH_LOGIN.exec(message);
  const admin = message.startsWith('Administrator') ? (message.toLowerCase().includes('logged in') ? ADMIN_LOGGED_IN : ADMIN_LOGIN).exec(message) : null;
  if (ssh !== null) [, outcome, name, ip, port] = ssh;
  if (admin !== null) [, role, name, outcome, ip] = admin;
  const roles = [pairs.adminprof, role].filter((value): value is string => value !== undefined);
  const sourceUser = (event.source as { user?: { name?: string } } | undefined)?.user?.name;
  mergeFields(event, {
    event: { outcome: normalisedOutcome(outcome) ?? SSL_VPN_OUTCOMES[pairs.action ?? ''] ?? event.event.outcome, id: pairs.log_id },
    source: { ip: ipValue(ip), port: portValue(port), user: { roles: roles.length > 0 ? roles : undefined } },
    user: { name: name ?? sourceUser, roles: roles.length > 0 ? roles : undefined },
  });
}
