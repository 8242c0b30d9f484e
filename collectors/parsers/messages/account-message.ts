import type { MessageEnricher } from './message-enricher.js';

// shadow-utils useradd/groupadd (src/useradd.c, src/groupadd.c): "new user: name=apache, UID=48,
// GID=48, home=/usr/share/httpd, shell=/sbin/nologin" and "new group: name=apache, GID=48". The ECS
// fields are those Elastic's system/auth pipeline gives the same lines.
const NEW_USER = /^new user: name=([^,]+), UID=(\d+), GID=(\d+), home=([^,]*), shell=([^,]*?)(?:, from=.*)?$/;
const NEW_GROUP = /^new group: name=([^,]+), GID=(\d+)/;

export const accountMessage: MessageEnricher = (message) => {
  const base = { module: 'system', dataset: 'system.auth', category: ['iam'], outcome: 'success' };
  const user = NEW_USER.exec(message);
  if (user) {
    return {
      event: { ...base, type: ['user', 'creation'], action: 'user_created' },
      user: { name: user[1], id: user[2] },
      group: { id: user[3] },
      system: { auth: { useradd: { home: user[4], shell: user[5] } } },
    };
  }
  const group = NEW_GROUP.exec(message);
  if (group) {
    return {
      event: { ...base, type: ['group', 'creation'], action: 'group_created' },
      group: { name: group[1], id: group[2] },
    };
  }
  return undefined;
};
