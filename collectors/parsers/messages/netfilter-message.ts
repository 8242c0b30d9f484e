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
  const verdict = decision(prefix);
  const protocol = fields.PROTO === undefined ? {} : ianaProtocol(fields.PROTO);
  const transport = protocol.transport;
  return {
    event: {
      module: 'iptables', dataset: 'iptables.log', category: ['network'],
      type: verdict === undefined ? ['connection'] : ['connection', verdict],
      outcome: verdict === undefined ? 'unknown' : verdict === 'allowed' ? 'success' : 'failure',
      action: verdict === undefined ? undefined : verdict === 'allowed' ? 'accept' : 'drop',
    },
    rule: prefix === '' ? undefined : { name: prefix },
    source: { ip: fields.SRC, port: shortNumber(fields.SPT) },
    destination: { ip: fields.DST, port: shortNumber(fields.DPT) },
    network: { ...protocol, type: fields.SRC.includes(':') ? 'ipv6' : 'ipv4' },
    observer: {
      ingress: fields.IN ? { interface: { name: fields.IN } } : undefined,
      egress: fields.OUT ? { interface: { name: fields.OUT } } : undefined,
    },
    iptables: {
      length: shortNumber(fields.LEN), ttl: shortNumber(fields.TTL ?? fields.HOPLIMIT), id: fields.ID,
      tcp: transport === 'tcp' && tcpFlags.length > 0 ? { flags: tcpFlags } : undefined,
    },
  };
};
