import type { MessageEnricher } from './message-enricher.js';
import { pamMessage } from './pam-message.js';
import { sshdConnectionMessage } from './sshd-connection-message.js';

// Message formats of OpenSSH's sshd (auth.c, auth2.c, packet.c), e.g.
// "Failed password for invalid user admin from 203.0.113.9 port 40422 ssh2".
const LOGIN = /^(Accepted|Failed) (\S+) for (invalid user )?(\S+) from (\S+) port (\d+)/;
const INVALID_USER = /^Invalid user (\S*) from (\S+)(?: port (\d+))?/;
const CLOSED = /^(?:Disconnected from|Connection closed by|Connection reset by) (authenticating|invalid) user (\S+) (\S+) port (\d+)/;
const SESSION_END = /^Disconnected from user (\S+) (\S+) port (\d+)/;
const TOO_MANY = /^(?:error: )?maximum authentication attempts exceeded for (invalid user )?(\S+) from (\S+) port (\d+)/;
// A client address whose reverse DNS does not resolve back to it (canohost.c): sshd's own warning.
const REVERSE_MAPPING = /^reverse mapping checking getaddrinfo for (\S+) \[([^\]]+)\] failed/;
const MAPS_ELSEWHERE = /^Address (\S+) maps to (\S+), but this does not map back to the address/;
// The end of a connection before authentication finished, without the user (older OpenSSH and
// scanners): "Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]",
// "Connection closed by 173.234.31.186 [preauth]", "Connection reset by 198.51.100.4 port 40022 [preauth]".
const PREAUTH_END = /^(?:error: )?(?:Received disconnect from|Disconnected from|Connection closed by|Connection reset by) ([0-9A-Fa-f.:]+?)(?::? port (\d+))?(?::|\s|$).*\[preauth\]$/;
const DISCONNECTING = /^Disconnecting(?: (?:authenticating|invalid) user (\S+) (\S+) port (\d+))?: Too many authentication failures(?: for (?:invalid user )?(\S+))?/;
// A connection that never sent an SSH banner: port scanners and banner grabbers (sshd.c, kex_exchange_identification).
const NO_IDENTIFICATION = /^Did not receive identification string from (\S+)(?: port (\d+))?/;

function port(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

export const sshdMessage: MessageEnricher = (message) => {
  const base = { module: 'system', dataset: 'system.auth', category: ['authentication'] };
  const login = LOGIN.exec(message);
  if (login) {
    const accepted = login[1] === 'Accepted';
    return {
      event: { ...base, type: ['start'], outcome: accepted ? 'success' : 'failure', action: 'ssh_login' },
      user: { name: login[4] },
      source: { ip: login[5], port: port(login[6]) },
      system: { auth: { ssh: { method: login[2], invalid_user: login[3] !== undefined } } },
    };
  }
  const invalid = INVALID_USER.exec(message);
  if (invalid) {
    return {
      event: { ...base, type: ['start'], outcome: 'failure', action: 'ssh_invalid_user' },
      user: { name: invalid[1] },
      source: { ip: invalid[2], port: port(invalid[3]) },
    };
  }
  const silent = NO_IDENTIFICATION.exec(message);
  if (silent) {
    return {
      event: { module: 'system', dataset: 'system.auth', category: ['network'], type: ['connection'], outcome: 'failure', action: 'ssh_no_identification' },
      source: { ip: silent[1], port: port(silent[2]) },
    };
  }
  const reverse = REVERSE_MAPPING.exec(message) ?? MAPS_ELSEWHERE.exec(message);
  if (reverse) {
    const [ip, domain] = reverse[0].startsWith('Address') ? [reverse[1], reverse[2]] : [reverse[2], reverse[1]];
    return {
      event: { module: 'system', dataset: 'system.auth', category: ['network'], type: ['connection'], action: 'ssh_reverse_mapping_failed' },
      source: { ip, domain },
    };
  }
  const closed = CLOSED.exec(message);
  if (closed) {
    return {
      event: { ...base, type: ['end'], outcome: 'failure', action: 'ssh_disconnect_preauth' },
      user: { name: closed[2] },
      source: { ip: closed[3], port: port(closed[4]) },
    };
  }
  const tooMany = TOO_MANY.exec(message);
  if (tooMany) {
    return {
      event: { ...base, type: ['start'], outcome: 'failure', action: 'ssh_max_auth_attempts' },
      user: { name: tooMany[2] },
      source: { ip: tooMany[3], port: port(tooMany[4]) },
    };
  }
  const disconnecting = DISCONNECTING.exec(message);
  if (disconnecting) {
    return {
      event: { ...base, type: ['end'], outcome: 'failure', action: 'ssh_max_auth_attempts' },
      user: { name: disconnecting[4] ?? disconnecting[1] },
      ...(disconnecting[2] ? { source: { ip: disconnecting[2], port: port(disconnecting[3]) } } : {}),
    };
  }
  const end = SESSION_END.exec(message);
  if (end) {
    return {
      event: { ...base, category: ['session'], type: ['end'], outcome: 'success', action: 'ssh_logout' },
      user: { name: end[1] },
      source: { ip: end[2], port: port(end[3]) },
    };
  }
  const preauthEnd = PREAUTH_END.exec(message);
  if (preauthEnd) {
    return {
      event: { ...base, type: ['end'], outcome: 'failure', action: 'ssh_disconnect_preauth' },
      source: { ip: preauthEnd[1], port: port(preauthEnd[2]) },
    };
  }
  return sshdConnectionMessage(message) ?? pamMessage(message);
};
