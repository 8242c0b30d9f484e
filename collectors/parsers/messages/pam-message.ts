import { isIP } from 'node:net';
import type { MessageEnricher } from './message-enricher.js';

// Formats of Linux-PAM's pam_unix module (modules/pam_unix/support.c, pam_unix_sess.c), e.g.
// "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root"
const FAILURE = /^(?:pam_unix\(([\w.-]+):auth\): authentication failure|PAM \d+ more authentication failures?);(.*)$/;
const SESSION = /^pam_unix\(([\w.-]+):session\): session (opened|closed) for user ([^\s(]+)(?:\(uid=\d+\))?(?: by ([^\s(]*))?/;

/** PAM lines belong to the system auth log whichever program wrote them. */
const AUTH_LOG = { module: 'system', dataset: 'system.auth' };

function pamFields(rest: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of rest.trim().split(/\s+/)) {
    const equals = pair.indexOf('=');
    if (equals > 0 && equals < pair.length - 1) fields[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return fields;
}

export const pamMessage: MessageEnricher = (message) => {
  const failure = FAILURE.exec(message);
  if (failure) {
    const fields = pamFields(failure[2]!);
    const rhost = fields.rhost;
    return {
      event: { ...AUTH_LOG, category: ['authentication'], type: ['start'], outcome: 'failure', action: 'pam_authentication_failure' },
      user: fields.user === undefined ? undefined : { name: fields.user },
      source: rhost === undefined ? undefined : isIP(rhost) ? { ip: rhost } : { domain: rhost },
    };
  }
  const session = SESSION.exec(message);
  if (session) {
    const opened = session[2] === 'opened';
    return {
      event: { ...AUTH_LOG, category: ['session'], type: [opened ? 'start' : 'end'], outcome: 'success', action: opened ? 'session_opened' : 'session_closed' },
      user: { name: session[3] },
    };
  }
  return undefined;
};
