import { all } from './all.js';
import { base64 } from './base64.js';
import { base64offset } from './base64offset.js';
import { cased } from './cased.js';
import { cidr } from './cidr.js';
import { compare } from './compare.js';
import { contains } from './contains.js';
import { endswith } from './endswith.js';
import { exists } from './exists.js';
import { expand } from './expand.js';
import { fieldref } from './fieldref.js';
import type { Modifier } from './modifier.js';
import { neq } from './neq.js';
import { re } from './re.js';
import { regexFlag } from './regex-flag.js';
import { startswith } from './startswith.js';
import { timePart } from './time-part.js';
import { utf16 } from './utf16.js';
import { windash } from './windash.js';

/** Every value modifier of the Sigma modifiers appendix that the engine supports, by name. */
export const MODIFIERS: ReadonlyMap<string, Modifier> = new Map(
  [
    contains,
    startswith,
    endswith,
    all,
    cased,
    neq,
    exists,
    re,
    regexFlag('i'),
    regexFlag('m'),
    regexFlag('s'),
    cidr,
    base64,
    base64offset,
    utf16('utf16le'),
    utf16('utf16be'),
    utf16('utf16'),
    utf16('wide'),
    windash,
    compare('lt'),
    compare('lte'),
    compare('gt'),
    compare('gte'),
    fieldref,
    expand,
    timePart('minute'),
    timePart('hour'),
    timePart('day'),
    timePart('week'),
    timePart('month'),
    timePart('year'),
  ].map((m) => [m.name, m]),
);
