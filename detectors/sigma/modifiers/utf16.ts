import { SigmaString } from '../sigma-string.js';
import { mapStrings, plainText, type Modifier } from './modifier.js';

/**
 * utf16le / wide, utf16be and utf16 (little endian after a byte order mark). The result holds one
 * byte per character so that a following base64 encodes exactly those bytes.
 */
export function utf16(name: 'utf16le' | 'wide' | 'utf16be' | 'utf16'): Modifier {
  return {
    name,
    apply(state) {
      mapStrings(state, name, (v) => {
        const bytes = Buffer.from(plainText(v, name), 'utf16le');
        if (name === 'utf16be') bytes.swap16();
        const bom = name === 'utf16' ? '\xff\xfe' : '';
        return [SigmaString.literal(bom + bytes.toString('latin1'))];
      });
      state.binary = true;
    },
  };
}
