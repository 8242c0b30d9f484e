import type { Alert } from '../../core/domain/alert.js';
import { unionOfTactics } from '../../core/domain/attack-tactic.js';
import { tacticsOf } from '../../detectors/incidents/attack-tactics.js';

export interface AttackStage {
  /** An ATT&CK tactic short name (`credential-access`). */
  tactic: string;
  /** The alerts of that stage, earliest first. */
  alertIds: string[];
}

/**
 * The incident's alerts as the stages of an attack, in kill-chain order (reconnaissance first,
 * impact last): how an analyst reads an intrusion, whatever order the alerts arrived in. An alert
 * whose rule names several tactics stands in each of them; one that names none is in no stage.
 */
export function attackStages(alerts: readonly Alert[]): AttackStage[] {
  const byTactic = new Map<string, Alert[]>();
  for (const alert of alerts) {
    for (const tactic of tacticsOf(alert.tags)) {
      const stage = byTactic.get(tactic);
      if (stage === undefined) byTactic.set(tactic, [alert]);
      else stage.push(alert);
    }
  }
  return unionOfTactics([...byTactic.keys()], []).map((tactic) => ({
    tactic,
    alertIds: [...byTactic.get(tactic)!].sort((a, b) => Date.parse(a['@timestamp']) - Date.parse(b['@timestamp'])).map((alert) => alert.alert.id),
  }));
}
