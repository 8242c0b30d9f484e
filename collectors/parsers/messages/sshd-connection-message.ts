import type { MessageEnricher } from './message-enricher.js';

// Connections that end before any user is named (OpenSSH sshd.c, kex.c, packet.c): scanners,
// banner grabbers and clients without a common algorithm. Elastic's system/auth pipeline leaves
// these lines uncategorised; their ECS fields follow the other sshd connection events here.
// "Unable to negotiate with 192.0.2.2 port 55419: no matching key exchange method found. Their offer: …"
const NEGOTIATION = /^(?:fatal: )?Unable to negotiate with ([0-9A-Fa-f.:]+) port (\d+): (no matching [^.]{1,80} found)/;
// The same failure as older OpenSSH wrote it, without the peer: "fatal: Unable to negotiate a key exchange method [preauth]".
const NEGOTIATION_WITHOUT_PEER = /^(?:fatal: )?(Unable to negotiate a key exchange method|no matching (?:cipher|mac|MAC|comp) found)/;
// "error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"",
// "kex_exchange_identification: Connection closed by remote host", "... read: Connection reset by peer".
const IDENTIFICATION = /^(?:error: )?kex_exchange_identification: (.{1,200})/;
// "banner exchange: Connection from 192.0.2.9 port 40526: invalid format" (OpenSSH 8.4 and later).
const BANNER_EXCHANGE = /^banner exchange: Connection from ([0-9A-Fa-f.:]+) port (\d+): (.{1,200})/;
// "Bad protocol version identification 'GET / HTTP/1.1' from 192.0.2.9 port 31778": the peer is the
// last "from … port …", since the quoted banner is the client's own text.
const BAD_VERSION = /^Bad protocol version identification '.*' from ([0-9A-Fa-f.:]+) port (\d+)$/;
// Without "[preauth]": the banner exchange failed before privilege separation began, or (older
// OpenSSH) any connection ended. "Connection closed by 192.0.2.9 port 56958", "Connection closed by 192.0.2.5".
const CLOSED = /^(?:Connection closed by|Connection reset by) ([0-9A-Fa-f.:]+)(?: port (\d+))?$/;
const SOCKET_RESET = /^fatal: (Read from socket failed: Connection reset by peer) \[preauth\]$/;

const AUTH_LOG = { module: 'system', dataset: 'system.auth' };

function port(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function failedConnection(action: string, reason: string, ip?: string, sourcePort?: string): Record<string, unknown> {
  return {
    event: { ...AUTH_LOG, category: ['network'], type: ['connection'], outcome: 'failure', action, reason },
    source: ip === undefined ? undefined : { ip, port: port(sourcePort) },
  };
}

export const sshdConnectionMessage: MessageEnricher = (message) => {
  const negotiation = NEGOTIATION.exec(message);
  if (negotiation) return failedConnection('ssh_key_exchange_failed', negotiation[3]!, negotiation[1], negotiation[2]);
  const unnamed = NEGOTIATION_WITHOUT_PEER.exec(message);
  if (unnamed) return failedConnection('ssh_key_exchange_failed', unnamed[1]!);
  const identification = IDENTIFICATION.exec(message);
  if (identification) return failedConnection('ssh_banner_exchange_failed', identification[1]!);
  const banner = BANNER_EXCHANGE.exec(message);
  if (banner) return failedConnection('ssh_banner_exchange_failed', banner[3]!, banner[1], banner[2]);
  const version = BAD_VERSION.exec(message);
  if (version) return failedConnection('ssh_banner_exchange_failed', 'bad protocol version identification', version[1], version[2]);
  const reset = SOCKET_RESET.exec(message);
  // Categorised like sshd's other ends of a connection before authentication (sshd-message.ts).
  if (reset) return { event: { ...AUTH_LOG, category: ['authentication'], type: ['end'], outcome: 'failure', action: 'ssh_disconnect_preauth', reason: reset[1] } };
  const closed = CLOSED.exec(message);
  if (closed) {
    // Whether this ends a session or a failed handshake is only known from the lines before it.
    return { event: { ...AUTH_LOG, category: ['network'], type: ['connection', 'end'], action: 'ssh_connection_closed' }, source: { ip: closed[1], port: port(closed[2]) } };
  }
  return undefined;
};
