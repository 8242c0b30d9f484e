import { ConflictError, NotFoundError } from '../../../core/errors.js';
import type { Principal } from '../../auth/principal.js';
import type { WarningDeps } from '../warning-deps.js';
import { warningViewer } from '../warning-viewer.js';
import { buildCsafDocument, type CsafDocument } from './build-csaf-document.js';
import { assertValidCsaf } from './validate-csaf.js';

/** The CSAF form of a warning the caller may see, validated before it leaves. */
export async function exportWarningCsaf(deps: WarningDeps, actor: Principal, id: string): Promise<CsafDocument> {
  const warning = await deps.store.warnings.get(id, warningViewer(actor));
  if (!warning) throw new NotFoundError('warning');
  if (warning.status !== 'published') throw new ConflictError('only a published warning has a tracking id and a CSAF form');
  const document = buildCsafDocument(warning, deps.settings);
  assertValidCsaf(document);
  return document;
}
