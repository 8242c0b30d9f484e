import { NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { IncidentComment } from '../../core/ports/triage-stores.js';
import type { Principal } from '../auth/principal.js';
import { auditChange } from './audit-change.js';
import type { TriageDeps } from './triage-deps.js';

export async function addComment(deps: TriageDeps, actor: Principal, incidentId: string, body: string): Promise<IncidentComment> {
  const incident = await deps.store.incidents.get(incidentId, actor.scope);
  if (!incident) throw new NotFoundError('incident');
  const comment: IncidentComment = {
    id: newId(),
    incidentId,
    // An officer's comment on a campaign incident stays within their organisation (and the CERT).
    organizationIds: actor.scope.kind === 'all' ? incident.organizationIds : [actor.scope.organizationId],
    authorId: actor.userId,
    authorName: actor.username,
    body,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.comments.add(comment);
  await auditChange(deps, actor.username, {
    action: 'incident.comment',
    objectType: 'incident',
    objectId: incidentId,
    after: { commentId: comment.id, body },
    organizationId: incident.organizationIds[0] ?? null,
  });
  return comment;
}

/** Not found, rather than an empty list, when the incident is outside the caller's scope. */
export async function listComments(deps: TriageDeps, actor: Principal, incidentId: string): Promise<IncidentComment[]> {
  if (!(await deps.store.incidents.get(incidentId, actor.scope))) throw new NotFoundError('incident');
  return deps.store.comments.list(incidentId, actor.scope);
}
