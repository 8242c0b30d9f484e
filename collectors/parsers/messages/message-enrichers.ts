import { accountMessage } from './account-message.js';
import type { MessageEnricher } from './message-enricher.js';
import { namedMessage } from './named-message.js';
import { netfilterMessage } from './netfilter-message.js';
import { pamMessage } from './pam-message.js';
import { sshdMessage } from './sshd-message.js';
import { suMessage } from './su-message.js';
import { sudoMessage } from './sudo-message.js';

/** Message parsers by the syslog program name (`process.name`) that writes them. */
export const messageEnrichers: ReadonlyMap<string, MessageEnricher> = new Map([
  ['sshd', sshdMessage],
  // OpenSSH 9.8 moved per-connection work, and its log lines, into these helper programs.
  ['sshd-session', sshdMessage],
  ['sshd-auth', sshdMessage],
  ['sudo', sudoMessage],
  ['su', suMessage],
  ['login', pamMessage],
  ['kernel', netfilterMessage],
  ['named', namedMessage],
  ['useradd', accountMessage('useradd')],
  ['userdel', accountMessage('userdel')],
  ['usermod', accountMessage('usermod')],
  ['chage', accountMessage('chage')],
  ['groupadd', accountMessage('groupadd')],
  ['groupdel', accountMessage('groupdel')],
  ['groupmod', accountMessage('groupmod')],
  // passwd and chpasswd log through PAM's password module (chauthtok).
  ['passwd', pamMessage],
  ['chpasswd', pamMessage],
]);
