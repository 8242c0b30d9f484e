import type { Alert, RuleLevel } from '../../core/domain/alert.js';
import type { EcsEvent } from '../../core/domain/ecs.js';

/** Alerts as the detectors emit them, for the incident-story suites: trimmed evidence with the entities that link them. */
export const ORG = 'moritzburg';

export function event(id: string, fields: Partial<EcsEvent> & Record<string, unknown>, organizationId = ORG): EcsEvent {
  return { '@timestamp': '2026-11-20T08:00:00.000Z', event: { id }, organization: { id: organizationId }, ...fields } as EcsEvent;
}

export function alert(id: string, minute: number, events: EcsEvent[], options: { level?: RuleLevel; rule?: string; organizationId?: string | null; ids?: string[]; tags?: string[] } = {}): Alert {
  return {
    '@timestamp': new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(),
    alert: { id, count: events.length },
    rule: { id: options.rule ?? `rule-${id}`, title: `Rule ${id}`, level: options.level ?? 'medium', type: 'sigma' },
    event_ids: events.map((each) => each.event.id),
    organization: options.organizationId === null ? { id: null, ids: options.ids ?? [] } : { id: options.organizationId ?? ORG },
    tags: options.tags ?? [],
    events,
  };
}

/**
 * The intrusion of issue 17: scan, password guessing, login, root, sudo group, C2 lookup — six rules,
 * one file server, each tagged with its ATT&CK tactic (medium rules that together tell a critical story).
 */
export function intrusion(prefix = '', attacker = '203.0.113.66'): Alert[] {
  return [
    alert(`${prefix}scan`, 0, [event(`${prefix}e1`, { source: { ip: attacker }, destination: { ip: '10.20.0.5' } })], { tags: ['attack.reconnaissance', 'attack.t1595'] }),
    alert(`${prefix}guess`, 5, [event(`${prefix}e2`, { source: { ip: attacker }, host: { name: 'FS01' }, user: { name: 'verwaltung' } })], { tags: ['attack.t1110'] }),
    alert(`${prefix}login`, 9, [event(`${prefix}e3`, { source: { ip: attacker }, host: { name: 'fs01' }, user: { name: 'verwaltung' } })], { tags: ['attack.initial-access'] }),
    alert(`${prefix}root`, 12, [event(`${prefix}e4`, { host: { name: 'fs01' }, user: { name: 'verwaltung', target: { name: 'root' } } })], { tags: ['attack.privilege-escalation'] }),
    alert(`${prefix}sudoers`, 14, [event(`${prefix}e5`, { host: { name: 'fs01' }, user: { name: 'root', target: { name: 'backdoor' } } })], { tags: ['attack.persistence', 'attack.t1098'] }),
    alert(`${prefix}c2`, 30, [event(`${prefix}e6`, { host: { name: 'fs01' }, dns: { question: { name: 'update-check.example.net' } } })], { tags: ['attack.command-and-control'] }),
  ];
}

