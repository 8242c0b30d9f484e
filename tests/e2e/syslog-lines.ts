/** Log lines for the browser tests, as the authorities' systems would send them (RFC 5424, RFC 5737 addresses). */
export const XSS_IMG = '<img src=x onerror="window.__xss=1">';
export const XSS_SCRIPT = '<script>window.__xss=1</script>';

const rfc5424 = (host: string, app: string, message: string) => `<38>1 ${new Date().toISOString()} ${host} ${app} 4242 - - ${message}`;

/** A root login at Radebeul whose message carries markup after the part sshd's parser reads. */
export const ROOT_LOGIN_WITH_MARKUP = {
  peer: '10.51.0.10',
  line: rfc5424('portal.radebeul.example', 'sshd', `Accepted password for root from 203.0.113.77 port 52211 ssh2 ${XSS_IMG} ${XSS_SCRIPT}`),
};

/** A failed login at Moritzburg: an incident an officer of Radebeul must never see. */
export const FAILED_LOGIN_MORITZBURG = {
  peer: '10.52.0.11',
  line: rfc5424('vpn.moritzburg.example', 'sshd', 'Failed password for invalid user verwaltung from 198.51.100.23 port 41000 ssh2'),
};
