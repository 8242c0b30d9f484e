import { ianaProtocol } from '../iana-protocol.js';
import type { MessageEnricher } from './message-enricher.js';

// The kernel's netfilter LOG/NFLOG target output (net/netfilter/nf_log_syslog.c): an optional
// `[ uptime]`, the rule's log prefix (ufw writes "[UFW BLOCK] "), then KEY=value and bare flags, e.g.
// "IN=eth0 OUT= MAC=... SRC=203.0.113.9 DST=198.51.100.4 LEN=60 ... PROTO=TCP SPT=40422 DPT=22 ... SYN URGP=0".
const DENY = /DROP|REJECT|BLOCK|DENY/i;
const ALLOW = /ACCEPT|ALLOW|PASS/i;

function decision(prefix: string): 'denied' | 'allowed' | undefined {
  if (DENY.test(prefix)) return 'denied';
  if (ALLOW.test(prefix)) return 'allowed';
  return undefined;
}

// Ubiquiti EdgeOS/UniFi and VyOS name the rule in the prefix: "[WAN_OUT-2000-A]" is rule 2000 of
// rule set WAN_OUT, A(ccept), D(rop) or R(eject); a rule set "source-dest" names the zone pair.
const RULE_SET_PREFIX = /^\[(.+)-(default|\d+)-([ADR])\]$/;

/** What the log prefix says about the rule: its name, and for rule-set prefixes its set, number and verdict. */
function ruleOf(prefix: string): { rule?: Record<string, string>; verdict?: 'denied' | 'allowed'; zones?: [string, string] } {
  if (prefix === '') return {};
  const ruleSet = RULE_SET_PREFIX.exec(prefix);
  if (ruleSet) {
    const [, set, number, letter] = ruleSet as unknown as [string, string, string, string];
    const pair = set.split('-');
    return {
      rule: { name: `${set}-${number}`, ruleset: set, id: number },
      verdict: letter === 'A' ? 'allowed' : 'denied',
      ...(pair.length === 2 ? { zones: [pair[0]!, pair[1]!] as [string, string] } : {}),
    };
  }
  // "iptables DROP_INPUT:" and "[UFW BLOCK]": the name without the punctuation around it.
  return { rule: { name: prefix.replace(/^\[(.*)\]$/, '$1').replace(/:$/, '').trim() }, verdict: decision(prefix) };
}

function shortNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  return Number(value);
}

export const netfilterMessage: MessageEnricher = (message) => {
  let start = 0;
  if (message.startsWith('[')) {
    const close = message.indexOf(']');
    // The uptime stamp is digits, dots and spaces; "[UFW BLOCK]" is the prefix and must stay.
    if (close > 0 && /^\[\s*\d+\.\d+\]$/.test(message.slice(0, close + 1))) start = close + 1;
  }
  const inAt = message.indexOf('IN=', start);
  if (inAt < 0 || (inAt > 0 && message[inAt - 1] !== ' ' && message[inAt - 1] !== ':' && message[inAt - 1] !== ']')) return undefined;
  const prefix = message.slice(start, inAt).trim();
  const fields: Record<string, string> = {};
  const flags: string[] = [];
  for (const part of message.slice(inAt).split(' ')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    // The first LEN/ID is the IP header's; later ones belong to UDP or ICMP.
    if (equals > 0) fields[part.slice(0, equals)] ??= part.slice(equals + 1);
    else flags.push(part);
  }
  if (fields.SRC === undefined || fields.DST === undefined) return undefined;
  const tcpFlags = flags.filter((flag) => /^(SYN|ACK|FIN|RST|PSH|URG|CWR|ECE)$/.test(flag));
  const { rule, verdict, zones } = ruleOf(prefix);
  const protocol = fields.PROTO === undefined ? {} : ianaProtocol(fields.PROTO);
  const transport = protocol.transport;
  return {
    event: {
      module: 'iptables', dataset: 'iptables.log', category: ['network'],
      type: verdict === undefined ? ['connection'] : ['connection', verdict],
      outcome: verdict === undefined ? 'unknown' : verdict === 'allowed' ? 'success' : 'failure',
      action: verdict === undefined ? undefined : verdict === 'allowed' ? 'accept' : 'drop',
    },
    rule,
    source: { ip: fields.SRC, port: shortNumber(fields.SPT) },
    destination: { ip: fields.DST, port: shortNumber(fields.DPT) },
    network: { ...protocol, type: fields.SRC.includes(':') ? 'ipv6' : 'ipv4' },
    observer: {
      ingress: fields.IN || zones ? { interface: fields.IN ? { name: fields.IN } : undefined, zone: zones?.[0] } : undefined,
      egress: fields.OUT || zones ? { interface: fields.OUT ? { name: fields.OUT } : undefined, zone: zones?.[1] } : undefined,
    },
    iptables: {
      length: shortNumber(fields.LEN), ttl: shortNumber(fields.TTL ?? fields.HOPLIMIT), id: fields.ID,
      tcp: transport === 'tcp' && tcpFlags.length > 0 ? { flags: tcpFlags } : undefined,
    },
  };
};
