import type { ReportObligation } from '../../core/domain/report.js';
import { ALL } from '../../core/domain/scope.js';
import type { ObligationStore } from '../../core/ports/reporting-stores.js';

const PAGE_SIZE = 200;

/** Every open obligation of every organisation, page by page. */
export async function* eachOpenObligation(obligations: ObligationStore): AsyncGenerator<ReportObligation> {
  let cursor: string | undefined;
  do {
    const page = await obligations.list({ open: true, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) }, ALL);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
