import { ipValue, portValue } from '../kv-values.js';
import { macValue } from './sophos-values.js';

type Fields = Record<string, unknown>;

// ISC dhcpd's sentences (dhcpd source, `log_info` calls) as UTM writes them.
const LEASE = /^(DHCP[A-Z]{2,16}) (?:on|for) ([0-9A-Fa-f.:]{2,45}) (?:to|from) ([0-9A-Fa-f:]{17})(?: \(([^)\s]{1,255})\))? via ([^\s:]{1,64})(?:: (.{1,4096}))?$/;
const REQUEST = /^(DHCP[A-Z]{2,16}) from ([0-9A-Fa-f:]{17})(?: \(([^)\s]{1,255})\))? via ([^\s:]{1,64})(?:: (.{1,4096}))?$/;
const SOCKET = /^(Listening|Sending) on +([A-Za-z]{1,16})\/([^/\s]{1,64})\/([0-9A-Fa-f:]{17})(?:\/(\S{1,64}))?$/;
// BIND's interface messages.
const LISTENING = /^(?:no longer )?listening on (?:(IPv[46]) interface ([^\s,]{1,64}), )?([0-9A-Fa-f.:]{2,45})#(\d{1,5})$/;

/** What Elastic gives every dhcpd or named line: a UDP protocol exchange of that service. */
function serviceBase(service: 'dhcp' | 'dns'): Fields {
  return { event: { category: ['network'], type: ['info', 'connection', 'protocol'], provider: service }, network: { protocol: service, transport: 'udp' } };
}

/** dhcpd lines as Elastic's dhcp pipeline reads them: the message type is the action, the client its MAC. */
export function dhcpdFields(message: string): Fields[] {
  const lease = LEASE.exec(message);
  if (lease !== null) {
    return [serviceBase('dhcp'), {
      event: { action: lease[1]!.toLowerCase() }, client: { ip: ipValue(lease[2]), mac: macValue(lease[3]) },
      observer: { ingress: { interface: { name: lease[5] } } }, sophos: { utm: { client: { hostname: lease[4] } } }, message: lease[6],
    }];
  }
  const request = REQUEST.exec(message);
  if (request !== null) {
    return [serviceBase('dhcp'), {
      event: { action: request[1]!.toLowerCase() }, client: { mac: macValue(request[2]) },
      observer: { ingress: { interface: { name: request[4] } } }, sophos: { utm: { client: { hostname: request[3] } } }, message: request[5],
    }];
  }
  const socket = SOCKET.exec(message);
  if (socket !== null) {
    return [serviceBase('dhcp'), {
      event: { action: `dhcpd-${socket[1]!.toLowerCase()}` }, client: { mac: macValue(socket[4]) },
      observer: { ingress: { interface: { name: socket[3] } } }, sophos: { utm: { socket: socket[2], subnet: socket[5] } },
    }];
  }
  return [serviceBase('dhcp'), { message }];
}

/** named lines: interface (un)binding becomes `named-listening` with the server address. */
export function namedFields(message: string): Fields[] {
  const listening = LISTENING.exec(message);
  if (listening === null) return [serviceBase('dns'), { message }];
  return [serviceBase('dns'), {
    event: { action: 'named-listening' }, server: { ip: ipValue(listening[3]), port: portValue(listening[4]) },
    network: { type: listening[1]?.toLowerCase() }, observer: { ingress: { interface: { name: listening[2] } } },
  }];
}
