import { errorMessage } from '../../core/errors.js';
import type { MailMessage } from '../../core/ports/mailer.js';
import type { ReportingDeps } from './reporting-deps.js';

/** A claim older than this was taken by a process that died while sending; the mail may go again. */
const STALE_CLAIM_MS = 15 * 60_000;

/**
 * Sends the mail for `key` unless it went out already. The key is claimed before sending, so that two
 * runs never both send; a failed send gives the claim back so that the next run tries again.
 * Returns whether this call sent it.
 */
export async function notifyOnce(deps: Pick<ReportingDeps, 'store' | 'clock' | 'mailer' | 'logger'>, key: string, message: MailMessage): Promise<boolean> {
  if (message.to.length === 0 && (message.cc ?? []).length === 0) {
    deps.logger.warn({ key }, 'notification has no recipient');
    return false;
  }
  const now = deps.clock.now();
  if (!(await deps.store.sentNotifications.claim(key, now, new Date(now.getTime() - STALE_CLAIM_MS)))) return false;
  try {
    await deps.mailer.send(message);
  } catch (error) {
    await deps.store.sentNotifications.release(key);
    deps.logger.warn({ key, error: errorMessage(error) }, 'notification not sent; will retry');
    return false;
  }
  await deps.store.sentNotifications.markSent(key, deps.clock.now());
  return true;
}
