import type { MessageEnricher } from './message-enricher.js';
import { pamMessage } from './pam-message.js';

// sudo's log line (plugins/sudoers/logging.c): "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id",
// with a reason before the fields when it refused ("3 incorrect password attempts", "user NOT in sudoers").
const SUDO = /^\s*(\S+) : (.*)$/;

export const sudoMessage: MessageEnricher = (message) => {
  const match = SUDO.exec(message);
  if (!match) return pamMessage(message);
  const fields: Record<string, string> = {};
  const reasons: string[] = [];
  for (const part of match[2]!.split(' ; ')) {
    const equals = part.indexOf('=');
    const key = equals > 0 ? part.slice(0, equals) : '';
    if (/^[A-Z_]+$/.test(key)) fields[key] = part.slice(equals + 1);
    else reasons.push(part.trim());
  }
  if (fields.COMMAND === undefined && fields.USER === undefined) return undefined;
  const refused = reasons.length > 0;
  return {
    event: {
      module: 'system', dataset: 'system.auth', category: ['authentication', 'process'], type: ['start'],
      outcome: refused ? 'failure' : 'success', action: 'sudo', reason: refused ? reasons.join('; ') : undefined,
    },
    user: { name: match[1], effective: fields.USER === undefined ? undefined : { name: fields.USER } },
    process: fields.COMMAND === undefined ? undefined : { command_line: fields.COMMAND, working_directory: fields.PWD },
    system: { auth: { sudo: { tty: fields.TTY } } },
  };
};
