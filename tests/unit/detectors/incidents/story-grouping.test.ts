import { expect } from 'chai';
import { assignStories, EMPTY_STORY_STATE, type StoryDecision, type StoryItem, type StoryState } from '../../../../detectors/incidents/story-grouping.js';

const OPTIONS = { windowMs: 24 * 3_600_000, maxClaims: 5000, riskThreshold: 100, resolve: (id: string) => id, newIncidentId: (item: StoryItem) => `incident-${item.key}` };

/** An alert at a minute of the day; risk 0 opens a story by itself (medium and above), 25 is a low alert, 10 informational. */
function item(key: string, minute: number, entities: string[], risk = 0, rule = `rule-${key}`): StoryItem {
  return { key, rule, at: new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(), entities, risk };
}

/** Files the items batch by batch, as the recorder does, and returns each alert's incident. */
function file(batches: StoryItem[][]): { incidentOf: Map<string, string>; decisions: StoryDecision[] } {
  let state: StoryState = EMPTY_STORY_STATE;
  const incidentOf = new Map<string, string>();
  const decisions: StoryDecision[] = [];
  for (const batch of batches) {
    const decision = assignStories(state, batch, OPTIONS);
    for (const [alertId, incident] of decision.assignments) incidentOf.set(alertId, incident);
    for (const [alertId, { incident }] of decision.adopted) incidentOf.set(alertId, incident);
    for (const merge of decision.merges) for (const [alertId, incident] of incidentOf) if (incident === merge.source) incidentOf.set(alertId, merge.target);
    decisions.push(decision);
    state = decision.state;
  }
  return { incidentOf, decisions };
}

describe('detectors > incidents > story grouping', () => {
  it('knows an address as one entity on either side: the scanned server that later resolves a C2 domain', () => {
    const { incidentOf } = file([
      [item('guess', 0, ['source.ip=203.0.113.66', 'destination.ip=10.0.0.5', 'host.name=nas01'])],
      [item('c2', 40, ['source.ip=10.0.0.5', 'dns.question.name=evil-c2.example'])],
    ]);
    expect(incidentOf.get('c2')).to.equal(incidentOf.get('guess'));
  });

  it('counts each rule once on an entity: repeated logons open nothing, four different weak signs open a story', () => {
    const logons = Array.from({ length: 40 }, (_, n) => item(`logon-${n}`, n, ['host.name=dc01'], 10, 'win_successful_logon'));
    const finds = Array.from({ length: 12 }, (_, n) => item(`av-${n}`, n, ['host.name=pc-17'], 25, 'av_malware_detected'));
    expect(file([logons, finds]).incidentOf.size).to.equal(0);
    const signs = ['av_malware_detected', 'win_service_installed', 'port_scan_external', 'win_member_added_security_group'].map((rule, n) => item(`sign-${n}`, 50 + n, ['host.name=pc-17'], 25, rule));
    const { incidentOf } = file([finds, signs]);
    expect(new Set(incidentOf.values()).size).to.equal(1);
    expect(incidentOf.has('sign-3')).to.equal(true);
    expect(incidentOf.get('av-0')).to.equal(incidentOf.get('sign-3'));
  });

  it('lets a weak alert join a story as context without merging stories or carrying other weak alerts along', () => {
    const { incidentOf, decisions } = file([
      [item('phishing', 0, ['source.ip=10.0.0.31', 'user.name=mueller']), item('guessing', 1, ['source.ip=198.51.100.9', 'host.name=dc01'])],
      // An ordinary logon naming both stories' entities joins the older one and merges nothing.
      [item('logon', 10, ['source.ip=10.0.0.31', 'host.name=dc01', 'user.name=adm-wolf'], 10, 'win_successful_logon')],
      // Another weak alert of the account the logon brought does not follow it.
      [item('av', 20, ['user.name=adm-wolf', 'host.name=pc-99'], 25, 'av_malware_detected')],
    ]);
    expect(decisions.flatMap((decision) => decision.merges)).to.deep.equal([]);
    expect(incidentOf.get('logon')).to.equal(incidentOf.get('phishing'));
    expect(incidentOf.get('guessing')).to.not.equal(incidentOf.get('phishing'));
    expect(incidentOf.has('av')).to.equal(false);
  });

  it('links a stronger alert through the account a context logon brought, but not through the host it was logged on', () => {
    const { incidentOf } = file([
      [item('phishing', 0, ['source.ip=10.0.0.31', 'user.name=mueller'])],
      [item('logon', 30, ['source.ip=10.0.0.31', 'host.name=fs01', 'user.name=adm-wolf'], 10, 'win_successful_logon')],
      [item('domain-admins', 50, ['host.name=dc01', 'user.name=adm-wolf', 'user.target.name=mueller']), item('service', 51, ['host.name=fs01', 'user.name=backup'])],
    ]);
    expect(incidentOf.get('domain-admins')).to.equal(incidentOf.get('phishing'));
    expect(incidentOf.get('service')).to.not.equal(incidentOf.get('phishing'));
  });

  it('brings what a waiting weak alert named into the story that adopts it, as context', () => {
    const { incidentOf } = file([
      [item('scan', 0, ['source.ip=203.0.113.66', 'destination.ip=10.0.0.5', 'host.name=nas01'], 25, 'port_scan_external')],
      [item('guess', 10, ['source.ip=203.0.113.66', 'user.name=verwaltung'])],
      [item('c2', 60, ['source.ip=10.0.0.5', 'dns.question.name=evil-c2.example'])],
    ]);
    expect(incidentOf.get('scan')).to.equal(incidentOf.get('guess'));
    expect(incidentOf.get('c2')).to.equal(incidentOf.get('guess'));
  });
});
