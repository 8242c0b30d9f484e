/** How an ASA message id is categorised in ECS; the values are those of Elastic's cisco_asa pipeline. */
export interface AsaCategory {
  category?: string[];
  type: string[];
  outcome?: 'success' | 'failure';
  action?: string;
}

// The outcome is the firewall's own: a deny it carried out succeeded (ECS event.outcome, and Elastic's
// reading since elastic/beats#22131). Only failed logins are failures.
const DENIED_BY_RULE: AsaCategory = { type: ['connection', 'denied'], outcome: 'success', action: 'firewall-rule' };
const FLOW_CREATED: AsaCategory = { type: ['connection', 'start'], outcome: 'success', action: 'flow-creation' };
const FLOW_EXPIRED: AsaCategory = { type: ['connection', 'end'], outcome: 'success', action: 'flow-expiration' };
const LOGGED_IN: AsaCategory = { category: ['authentication', 'network'], type: ['allowed', 'info'], outcome: 'success', action: 'logged-in' };
const LOGON_FAILED: AsaCategory = { category: ['authentication', 'network'], type: ['denied', 'info'], outcome: 'failure', action: 'logon-failed' };

const BY_MESSAGE_ID: Record<string, AsaCategory> = {
  106001: DENIED_BY_RULE, 106006: DENIED_BY_RULE, 106007: DENIED_BY_RULE, 106010: DENIED_BY_RULE,
  106014: DENIED_BY_RULE, 106015: DENIED_BY_RULE, 106021: DENIED_BY_RULE, 106023: DENIED_BY_RULE,
  710003: DENIED_BY_RULE,
  302013: FLOW_CREATED, 302015: FLOW_CREATED, 302020: FLOW_CREATED, 609001: FLOW_CREATED,
  302014: FLOW_EXPIRED, 302016: FLOW_EXPIRED, 302018: FLOW_EXPIRED, 302021: FLOW_EXPIRED, 609002: FLOW_EXPIRED,
  305011: { category: ['network', 'configuration'], type: ['creation'], outcome: 'success', action: 'nat-slot' },
  305012: { category: ['network', 'configuration'], type: ['deletion'], outcome: 'success', action: 'nat-slot' },
  113004: LOGGED_IN, 611101: LOGGED_IN, 734001: LOGGED_IN,
  113005: LOGON_FAILED, 113015: LOGON_FAILED, 611102: LOGON_FAILED,
  113019: { type: ['connection', 'end'], outcome: 'success', action: 'client-vpn-disconnected' },
  716002: { type: ['connection', 'end'], outcome: 'success', action: 'client-vpn-disconnected' },
  722022: { type: ['connection', 'info'], outcome: 'success' },
  722023: { type: ['connection', 'end'], outcome: 'success' },
  722051: { type: ['connection', 'info'], outcome: 'success', action: 'address-assigned' },
  733100: { type: ['info'] },
};

// 106100 logs every ACL hit with its verdict, so its category depends on that word.
const ACCESS_LIST_VERDICT: Record<string, AsaCategory> = {
  permitted: { type: ['connection', 'allowed'], outcome: 'success', action: 'firewall-rule' },
  'est-allowed': { type: ['connection', 'allowed'], outcome: 'success', action: 'firewall-rule' },
  denied: { type: ['connection', 'denied'], outcome: 'success', action: 'firewall-rule' },
};

export function asaCategory(messageId: string, verdict: string | undefined): AsaCategory | undefined {
  if (messageId === '106100') return verdict === undefined ? undefined : ACCESS_LIST_VERDICT[verdict];
  return BY_MESSAGE_ID[messageId];
}
