import { expect } from 'chai';
import { AlertFolder, type Firing } from '../../../../detectors/alerts/alert-folder.js';
import { trimEvent } from '../../../../detectors/alerts/trim-event.js';
import type { EcsEvent } from '../../../../core/domain/ecs.js';

const BASE = Date.parse('2025-03-01T10:00:00Z');
/** Wall-clock time of the offers: folds fall silent in wall-clock time, whatever their event time. */
const NOW = Date.parse('2026-12-02T12:00:00Z');

function firing(seconds: number, id: string, groupKey = 'org-a/host1'): Firing {
  return { rule: { id: 'r1', title: 'R', level: 'high', type: 'sigma' }, tags: ['attack.t1110'], groupKey, organizationIds: ['org-a'], time: BASE + seconds * 1000, eventIds: [id], events: [] };
}

describe('detectors > alerts > AlertFolder', () => {
  it('emits the first firing at once and folds repeats into batches with disjoint event ids', () => {
    const folder = new AlertFolder({ windowMs: 600_000, reemitMs: 60_000 });
    const first = folder.offer(firing(0, 'e1'), NOW);
    expect(first).to.have.length(1);
    expect(first[0]!.alert.count).to.equal(1);
    expect(folder.offer(firing(10, 'e2'), NOW)).to.have.length(0);
    expect(folder.offer(firing(20, 'e3'), NOW)).to.have.length(0);
    const batch = folder.offer(firing(70, 'e4'), NOW);
    expect(batch).to.have.length(1);
    expect(batch[0]!.alert.count).to.equal(3);
    expect(batch[0]!.event_ids).to.deep.equal(['e2', 'e3', 'e4']);
    expect(batch[0]!['@timestamp']).to.equal(new Date(BASE + 70_000).toISOString());
    expect(batch[0]!.alert.id).to.not.equal(first[0]!.alert.id);
    folder.offer(firing(80, 'e5'), NOW);
    const rest = folder.flush();
    expect(rest.map((alert) => alert.event_ids)).to.deep.equal([['e5']]);
  });

  it('gives the same ids for the same input (replay is idempotent)', () => {
    const run = () => {
      const folder = new AlertFolder();
      return [...folder.offer(firing(0, 'e1'), NOW), ...folder.offer(firing(5, 'e2'), NOW), ...folder.flush()].map((alert) => alert.alert.id);
    };
    expect(run()).to.deep.equal(run());
  });

  it('closes a window when its own firings pass its end and starts a new one after it', () => {
    const folder = new AlertFolder({ windowMs: 60_000, reemitMs: 600_000 });
    folder.offer(firing(0, 'e1'), NOW);
    folder.offer(firing(10, 'e2'), NOW);
    const next = folder.offer(firing(100, 'e3'), NOW);
    expect(next.map((alert) => alert.event_ids)).to.deep.equal([['e2'], ['e3']]);
    expect(next[1]!.alert.count).to.equal(1);
  });

  it('emits held repeats of a fold silent for reemitMs of wall-clock time, and forgets it after a window', () => {
    const folder = new AlertFolder({ windowMs: 600_000, reemitMs: 60_000 });
    folder.offer(firing(0, 'e1'), NOW);
    folder.offer(firing(10, 'e2'), NOW + 5_000);
    expect(folder.advance(NOW + 60_000)).to.have.length(0);
    expect(folder.advance(NOW + 65_000).map((alert) => alert.event_ids)).to.deep.equal([['e2']]);
    expect(folder.openFolds).to.equal(1);
    expect(folder.advance(NOW + 605_000)).to.have.length(0);
    expect(folder.openFolds).to.equal(0);
  });

  it('is not closed by another group key whose clock runs hours ahead', () => {
    const folder = new AlertFolder({ windowMs: 600_000, reemitMs: 60_000 });
    folder.offer(firing(0, 'e1'), NOW);
    folder.offer(firing(4 * 3600, 'e2', 'org-b/ahead'), NOW + 1_000);
    folder.advance(NOW + 2_000);
    expect(folder.offer(firing(30, 'e3'), NOW + 3_000)).to.have.length(0);
    expect(folder.flush().map((alert) => alert.event_ids)).to.deep.equal([['e3']]);
  });

  it('emits and forgets the longest silent fold when it holds maxFolds', () => {
    const folder = new AlertFolder({ maxFolds: 2 });
    folder.offer(firing(0, 'e1', 'a'), NOW);
    folder.offer(firing(1, 'e2', 'a'), NOW);
    folder.offer(firing(2, 'e3', 'b'), NOW);
    expect(folder.offer(firing(3, 'e4', 'c'), NOW).map((alert) => alert.event_ids)).to.deep.equal([['e2'], ['e4']]);
    expect(folder.openFolds).to.equal(2);
  });

  it('keeps different group keys apart and can be turned off', () => {
    const folder = new AlertFolder();
    expect(folder.offer(firing(0, 'e1', 'a'), NOW)).to.have.length(1);
    expect(folder.offer(firing(1, 'e2', 'b'), NOW)).to.have.length(1);
    const off = new AlertFolder({ windowMs: 0 });
    expect([...off.offer(firing(0, 'e1'), NOW), ...off.offer(firing(1, 'e2'), NOW)]).to.have.length(2);
  });

  it('trims events to their evidence and cuts event.original to 2 KB', () => {
    const event = {
      '@timestamp': '2025-03-01T10:00:00Z',
      event: { id: 'e1', code: '4625', original: 'x'.repeat(5000) },
      source: { ip: '203.0.113.7', port: 4444, geo: { country: 'X' } },
      winlog: { event_data: { Big: 'y' } },
      user: { name: 'alice', roles: ['a'] },
    } as EcsEvent;
    const trimmed = trimEvent(event);
    expect(trimmed.event.original).to.have.length(2048);
    expect(trimmed.source).to.deep.equal({ ip: '203.0.113.7', port: 4444 });
    expect(trimmed).to.not.have.property('winlog');
    expect(trimmed.user).to.deep.equal({ name: 'alice' });
  });
});
