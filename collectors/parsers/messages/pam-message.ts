import { isIP } from 'node:net';
import type { MessageEnricher } from './message-enricher.js';

// Formats of Linux-PAM's pam_unix module (modules/pam_unix/support.c, pam_unix_sess.c), e.g.
// "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root"
const FAILURE = /^(?:pam_unix\(([\w.-]+):(auth|chauthtok)\): authentication failure|PAM \d+ more authentication failures?);(.*)$/;
// Password changes through pam_unix's password module (passwd, chpasswd): "pam_unix(passwd:chauthtok):
// password changed for user123", "pam_unix(passwd:chauthtok): new password not acceptable".
const PASSWORD_CHANGED = /^pam_unix\([\w.-]+:chauthtok\): password changed for (\S+)$/;
const PASSWORD_NOT_CHANGED = /^pam_unix\([\w.-]+:chauthtok\): (.{1,200})/;
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
    const fields = pamFields(failure[3]!);
    const rhost = fields.rhost;
    // A failed check of the old password while changing it is also an account change that failed.
    const passwordChange = failure[2] === 'chauthtok';
    return {
      event: { ...AUTH_LOG, category: passwordChange ? ['authentication', 'iam'] : ['authentication'], type: passwordChange ? ['change'] : ['start'], outcome: 'failure', action: 'pam_authentication_failure' },
      user: fields.user === undefined ? undefined : { name: fields.user, target: passwordChange ? { name: fields.user } : undefined },
      source: rhost === undefined ? undefined : isIP(rhost) ? { ip: rhost } : { domain: rhost },
    };
  }
  const changed = PASSWORD_CHANGED.exec(message);
  if (changed) {
    return {
      event: { ...AUTH_LOG, category: ['iam'], type: ['change'], outcome: 'success', action: 'password-changed' },
      user: { name: changed[1], target: { name: changed[1] } },
    };
  }
  const notChanged = PASSWORD_NOT_CHANGED.exec(message);
  if (notChanged) return { event: { ...AUTH_LOG, category: ['iam'], type: ['change'], outcome: 'failure', action: 'password-changed', reason: notChanged[1] } };
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
