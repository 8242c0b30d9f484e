import type { MessageEnricher } from './message-enricher.js';
import { pamMessage } from './pam-message.js';

// util-linux su (login-utils/su-common.c): "(to root) alice on pts/0", "FAILED SU (to root) alice on pts/0";
// shadow-utils su: "Successful su for root by alice", "FAILED su for root by alice".
const UTIL_LINUX = /^(FAILED SU )?\(to (\S+)\) (\S+) on (\S+)/;
const SHADOW = /^(Successful|FAILED) su for (\S+) by (\S+)/;

export const suMessage: MessageEnricher = (message) => {
  const base = { module: 'system', dataset: 'system.auth', category: ['authentication'], type: ['start'], action: 'su' };
  const utilLinux = UTIL_LINUX.exec(message);
  if (utilLinux) {
    return {
      event: { ...base, outcome: utilLinux[1] === undefined ? 'success' : 'failure' },
      user: { name: utilLinux[3], effective: { name: utilLinux[2] } },
      system: { auth: { su: { tty: utilLinux[4] } } },
    };
  }
  const shadow = SHADOW.exec(message);
  if (shadow) {
    return {
      event: { ...base, outcome: shadow[1] === 'Successful' ? 'success' : 'failure' },
      user: { name: shadow[3], effective: { name: shadow[2] } },
    };
  }
  return pamMessage(message);
};
