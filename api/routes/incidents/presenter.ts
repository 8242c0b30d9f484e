import type { Incident } from '../../../core/domain/incident.js';
import type { IncidentComment } from '../../../core/ports/triage-stores.js';
import type { IncidentDetail } from '../../../workflows/triage/get-incident-detail.js';
// Clients follow the server's state machine instead of keeping a copy of it.
import { allowedTransitions } from '../../../workflows/triage/incident-state-machine.js';

/** List items, change results: the alert ids stay with the detail, where they are scoped and bounded. */
export function presentIncidentSummary(incident: Incident): Omit<Incident, 'alertIds'> {
  const copy: Partial<Incident> = { ...incident };
  delete copy.alertIds;
  return copy as Omit<Incident, 'alertIds'>;
}

/** The organisations a comment is filed under are an internal scoping aid, not part of the comment. */
export function presentComment(comment: IncidentComment) {
  return { id: comment.id, incidentId: comment.incidentId, authorId: comment.authorId, authorName: comment.authorName, body: comment.body, createdAt: comment.createdAt };
}

export function presentIncidentDetail(detail: IncidentDetail) {
  return {
    incident: detail.incident,
    changeable: detail.changeable,
    allowedTransitions: detail.changeable ? allowedTransitions(detail.incident) : [],
    mergedSources: detail.mergedSources,
    alerts: detail.alerts,
    stages: detail.stages,
    events: detail.events,
    observables: detail.observables,
    comments: detail.comments.map(presentComment),
    timeline: detail.timeline.map((entry) => ({ seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, before: entry.before, after: entry.after })),
  };
}
