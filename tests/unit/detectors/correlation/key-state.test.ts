import { expect } from 'chai';
import { eventIdsOf, KeyState, rememberEventIds } from '../../../../detectors/correlation/key-state.js';

function remembered(batches: string[][], max: number): KeyState {
  const state = new KeyState(0, 0);
  for (const ids of batches) rememberEventIds(state, ids, max);
  return state;
}

describe('detectors > correlation > key state', () => {
  it('keeps a lone event id as the string itself', () => {
    const state = remembered([['e1']], 8);
    expect(state.ids).to.equal('e1');
    expect(eventIdsOf(state)).to.deep.equal(['e1']);
  });

  it('keeps the most recent ids, oldest first, however they arrive', () => {
    const batches = [['e1'], [], ['e2', 'e3'], ['e4'], ['e5', 'e6', 'e7'], ['e8'], ['e9']];
    for (const max of [1, 2, 3, 4, 8]) {
      const all = batches.flat();
      expect(eventIdsOf(remembered(batches, max)), `max ${max}`).to.deep.equal(all.slice(Math.max(0, all.length - max)));
    }
  });

  it('keeps no ids for firings without any', () => {
    expect(eventIdsOf(remembered([[], []], 4))).to.deep.equal([]);
  });

  it('never keeps or changes the caller’s array', () => {
    const first = ['e1', 'e2'];
    const second = ['e3'];
    const state = remembered([first, second, ['e4']], 3);
    expect(eventIdsOf(state)).to.deep.equal(['e2', 'e3', 'e4']);
    expect(first).to.deep.equal(['e1', 'e2']);
    expect(second).to.deep.equal(['e3']);
  });

  it('hands out copies, so updating a full list in place changes no earlier answer', () => {
    const state = remembered([['e1', 'e2']], 2);
    const before = eventIdsOf(state);
    rememberEventIds(state, ['e3'], 2);
    expect(before).to.deep.equal(['e1', 'e2']);
    expect(eventIdsOf(state)).to.deep.equal(['e2', 'e3']);
  });
});
