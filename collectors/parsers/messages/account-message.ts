import { mergeFields } from './merge-fields.js';
import type { MessageEnricher } from './message-enricher.js';

/** The shadow-utils programs that create, change and delete accounts and groups. */
export type AccountProgram = 'useradd' | 'userdel' | 'usermod' | 'groupadd' | 'groupdel' | 'groupmod' | 'chage';

// Every line of these programs is an IAM event of this type, as Elastic's system/auth pipeline
// categorises them (chage, which it leaves out, changes an account like usermod).
const TYPES: Record<AccountProgram, string[]> = {
  useradd: ['user', 'creation'], userdel: ['user', 'deletion'], usermod: ['user', 'change'], chage: ['user', 'change'],
  groupadd: ['group', 'creation'], groupdel: ['group', 'deletion'], groupmod: ['group', 'change'],
};

// Message formats of shadow-utils (src/useradd.c, userdel.c, usermod.c, groupadd.c, groupdel.c, chage.c);
// the field names are those Elastic's system/auth pipeline gives the same lines.
// "new user: name=apache, UID=48, GID=48, home=/usr/share/httpd, shell=/sbin/nologin", "new group: name=apache, GID=48"
const NEW_USER = /^new user: name=([^,]+), UID=(\d+), GID=(\d+), home=([^,]*), shell=([^,]*?)(?:, from=.*)?$/;
const NEW_GROUP = /^new group: name=([^,]+), GID=(\d+)/;
// "group added to /etc/gshadow: name=fleet", "group added to /etc/group: name=postdrop, GID=139"
const GROUP_ADDED = /^group added to \/etc\/g?(?:shadow|group): name=([^,]+)(?:, GID=(\d+))?$/;
// "group 'fleet' removed from /etc/gshadow"
const GROUP_REMOVED = /^group '([^']+)' removed(?: from \S+)?$/;
// "add 'testuser' to group 'wheel'", "add 'testuser' to shadow group 'shadow'"
const MEMBER_ADDED = /^add '([^']+)' to (?:shadow )?group '([^']+)'$/;
// "delete 'siem_test' from group 'tcpdump'", "delete 'siem_test' from shadow group 'tcpdump'"
const MEMBER_REMOVED = /^delete '([^']+)' from (?:shadow )?group '([^']+)'$/;
// userdel removing the user's own group: "removed group 'siem_group'", "removed shadow group 'siem_group'"
const OWN_GROUP_REMOVED = /^removed (?:shadow )?group '([^']+)'/;
// "delete user 'jce'", "change user 'acris' expiration from …", "failed adding user 'aol', exit code: 4";
// shadow-utils before 4.2 quoted with a backtick: "change user `polkituser' password".
const QUOTED_USER = /(?:^| )user [`'"]([^'"]+)['"]/;
// chage: "changed password expiry for sshd"
const EXPIRY_CHANGED = /^changed password expiry for (\S+)$/;

function messageFields(message: string): Record<string, unknown> {
  const user = NEW_USER.exec(message);
  if (user) {
    return {
      event: { action: 'user_created' }, user: { name: user[1], id: user[2] }, group: { id: user[3] },
      system: { auth: { useradd: { home: user[4], shell: user[5] } } },
    };
  }
  const group = NEW_GROUP.exec(message);
  if (group) return { event: { action: 'group_created' }, group: { name: group[1], id: group[2] } };
  const added = GROUP_ADDED.exec(message);
  if (added) return { event: { action: 'group-added' }, group: { name: added[1], id: added[2] } };
  const removed = GROUP_REMOVED.exec(message);
  if (removed) return { event: { action: 'group-deleted' }, group: { name: removed[1] } };
  const member = MEMBER_ADDED.exec(message);
  if (member) return { event: { action: 'group-member-added' }, user: { name: member[1], target: { name: member[1] } }, group: { name: member[2] } };
  const former = MEMBER_REMOVED.exec(message);
  if (former) return { event: { action: 'group-member-removed' }, user: { target: { name: former[1] } }, group: { name: former[2] } };
  const ownGroup = OWN_GROUP_REMOVED.exec(message);
  if (ownGroup) return { group: { name: ownGroup[1] } };
  const expiry = EXPIRY_CHANGED.exec(message);
  if (expiry) return { event: { action: 'password-expiry-changed' }, user: { name: expiry[1], target: { name: expiry[1] } } };
  const named = QUOTED_USER.exec(message);
  if (named) return message.startsWith('delete user ') ? { user: { name: named[1], target: { name: named[1] } } } : { user: { name: named[1] } };
  return {};
}

/** Lines of one shadow-utils program as IAM events, with the user and group each line names. */
export function accountMessage(program: AccountProgram): MessageEnricher {
  return (message) => mergeFields(
    { event: { module: 'system', dataset: 'system.auth', category: ['iam'], type: TYPES[program], outcome: message.includes('fail') ? 'failure' : 'success' } },
    messageFields(message),
  );
}
