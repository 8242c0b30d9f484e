import { expect } from 'chai';
import { systemClock } from '../../core/clock.js';
import type { Alert } from '../../core/domain/alert.js';
import type { Incident } from '../../core/domain/incident.js';
import { ALL, organisationScope } from '../../core/domain/scope.js';
import { MetricsRegistry } from '../../core/metrics.js';
import { TOPICS, type Bus } from '../../core/ports/bus.js';
import type { Store } from '../../core/ports/stores.js';
import { incidentUpdateFor } from '../../detectors/incidents/incident-update.js';
import { startIncidentRecorder } from '../../workflows/incident-recorder.js';
import { eventually } from '../support/eventually.js';
import { alert, event, intrusion } from '../support/story-alerts.js';

export interface RecorderUnderTest {
  bus: Bus;
  store: Store;
  /** Makes completed writes searchable (Elasticsearch refreshes once a second). */
  refresh(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The campaign of the suite: one address against three municipalities, one alert each. */
function campaign(attacker: string): Alert[] {
  return ['moritzburg', 'radebeul', 'grossenhain'].map((organizationId, index) =>
    alert(`${organizationId}-${attacker}`, index, [event(`e-${organizationId}-${attacker}`, { source: { ip: attacker }, host: { name: `vpn-${organizationId}` } }, organizationId)], { organizationId }),
  );
}

/** Partition keys that spread one organisation's alerts over every partition, so both recorders see some. */
const scattered = (alerts: Alert[]) => alerts.map((each, index) => ({ key: `k${index}`, value: JSON.stringify(each) }));

/**
 * The incident recorder end to end on one bus and one store: two recorder processes in one consumer
 * group, alerts of one story scattered over the partitions, and every alert delivered twice.
 */
export function incidentRecorderContract(name: string, factory: () => Promise<RecorderUnderTest>, hooks: { before?: (context: Mocha.Context) => Promise<void> } = {}): void {
  describe(`contract > incident recorder > ${name}`, function () {
    this.timeout(120_000);
    let under: RecorderUnderTest;

    before(async function () {
      await hooks.before?.(this);
    });

    beforeEach(async () => {
      under = await factory();
      await under.bus.ensureTopics([TOPICS.alerts]);
    });

    afterEach(async () => {
      await under.cleanup();
    });

    it('files a scattered, replayed intrusion and a campaign exactly once, with two recorders racing', async () => {
      const recorders = await Promise.all(
        [1, 2].map(() => startIncidentRecorder({ bus: under.bus, store: under.store, clock: systemClock, metrics: new MetricsRegistry(), incidentUpdateFor })),
      );
      const story = intrusion('bus-');
      const spread = campaign('203.0.113.201');
      const all = [...story, ...spread];
      await under.bus.publish(TOPICS.alerts, scattered(all));
      await under.bus.publish(TOPICS.alerts, scattered([...all].reverse()));

      const complete = async (): Promise<Incident[] | undefined> => {
        await under.refresh();
        const incidents = (await under.store.incidents.list({ limit: 500 }, ALL)).items.filter((incident) => !incident.mergedInto);
        const filed = new Set(incidents.filter((incident) => incident.childIds === undefined).flatMap((incident) => incident.alertIds));
        const campaignFiled = incidents.some((incident) => incident.childIds?.length === 3 && incident.alertIds.length === 3);
        return all.every((each) => filed.has(each.alert.id)) && campaignFiled ? incidents : undefined;
      };
      const incidents = await eventually(complete, 90_000, 'every alert filed');
      await Promise.all(recorders.map((recorder) => recorder.stop()));

      const moritzburg = incidents.filter((incident) => incident.organizationIds.includes('moritzburg'));
      const intrusionIncidents = moritzburg.filter((incident) => incident.alertIds.some((id) => id.startsWith('bus-')));
      expect(intrusionIncidents, 'one incident for the intrusion').to.have.length(1);
      expect(intrusionIncidents[0]!.alertIds).to.have.members(story.map((each) => each.alert.id));
      expect(intrusionIncidents[0]!.alertCount).to.equal(story.length);

      const campaigns = incidents.filter((incident) => incident.childIds !== undefined);
      expect(campaigns, 'one campaign').to.have.length(1);
      expect(campaigns[0]!.organizationIds).to.deep.equal([]);
      expect(campaigns[0]!.alertCount).to.equal(3);
      const children = incidents.filter((incident) => incident.campaignId === campaigns[0]!.id);
      expect(children.map((child) => child.organizationIds).flat().sort()).to.deep.equal(['grossenhain', 'moritzburg', 'radebeul']);
      expect(children.every((child) => child.alertCount === 1)).to.equal(true);

      const officerView = (await under.store.incidents.list({}, organisationScope('radebeul'))).items;
      expect(officerView.every((incident) => incident.organizationIds.every((id) => id === 'radebeul')), 'an officer sees only their own').to.equal(true);
    });
  });
}
