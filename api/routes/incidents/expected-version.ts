import type { Request } from 'express';
import { LagebildError, ValidationError } from '../../../core/errors.js';

/**
 * The version a change was based on, from `If-Match: "<version>"` or the body. Required: an update
 * without it would overwrite whatever happened meanwhile, which is exactly what 409 exists to prevent.
 */
export function expectedVersion(req: Request, bodyVersion: number | undefined): number {
  const header = req.get('if-match');
  const fromHeader = header === undefined ? undefined : /^(?:W\/)?"?(\d+)"?$/.exec(header.trim())?.[1];
  if (header !== undefined && fromHeader === undefined) throw new ValidationError('If-Match must be an incident version, e.g. "3"', [{ in: 'header', path: 'If-Match', message: 'not a version' }]);
  const version = fromHeader === undefined ? bodyVersion : Number(fromHeader);
  if (bodyVersion !== undefined && version !== bodyVersion) throw new ValidationError('If-Match and body version differ', [{ in: 'body', path: 'version', message: 'differs from If-Match' }]);
  if (version === undefined) throw new LagebildError('version_required', 'send the version you saw as If-Match or in the body', { status: 428 });
  return version;
}
