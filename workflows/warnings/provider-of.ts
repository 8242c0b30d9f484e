import type { Organisation } from '../../core/domain/organisation.js';

/**
 * The IT service provider serving an organisation. The registry type has no such field yet; an
 * organisation document may carry `providerId` (the id of an organisation of kind `provider`), and
 * this is the one place that reads it.
 */
export function providerOf(organisation: Organisation): string | null {
  const providerId = (organisation as Organisation & { providerId?: unknown }).providerId;
  return typeof providerId === 'string' && providerId !== '' ? providerId : null;
}
