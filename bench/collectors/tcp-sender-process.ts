import { readFileSync } from 'node:fs';
import { sendLinesOverTcp } from './send-lines-over-tcp.js';

// `node tcp-sender-process.js PORT PAYLOAD_FILE REPEATS`: the bench's sender in a process of its own,
// so that sending costs the receiver nothing, whether the receiver is Lagebild or rsyslog.
const [port, payloadFile, repeats] = process.argv.slice(2);
await sendLinesOverTcp(Number(port), readFileSync(payloadFile!), Number(repeats), () => process.stdout.write('connected\n'));
