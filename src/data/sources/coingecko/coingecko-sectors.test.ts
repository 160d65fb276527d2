import { describe, expect, it } from 'vitest';
import { datedMemberships, emptyMembership, parseSectorMembership, recordSectorSnapshot, type SnapshotMember } from './coingecko-sectors.ts';

const m = (assetId: string, categoryId: string): SnapshotMember => ({ assetId, symbol: assetId.toUpperCase(), categoryId });

describe('CoinGecko sector snapshots', () => {
  it('gives a coin in several categories the first one in the mapping order (meme before layer-1)', () => {
    const history = recordSectorSnapshot(emptyMembership(), 100, [m('doge', 'layer-1'), m('doge', 'meme-token'), m('sol', 'layer-1'), m('x', 'not-mapped')]);
    expect(history.snapshots).toEqual([100]);
    expect(history.coins.doge!.spells, 'meme is more specific than layer-1').toEqual([{ sector: 'meme', categoryId: 'meme-token', from: 100, to: 100 }]);
    expect(history.coins.sol!.spells[0]!.sector).toBe('layer1');
    expect(history.coins.x, 'a category outside the mapping gives no label').toBeUndefined();
  });

  it('keeps the first-seen day while a coin stays in its sector, across a day without a sync', () => {
    let history = recordSectorSnapshot(emptyMembership(), 100, [m('sol', 'layer-1')]);
    history = recordSectorSnapshot(history, 101, [m('sol', 'layer-1')]);
    history = recordSectorSnapshot(history, 105, [m('sol', 'layer-1')]);
    expect(history.coins.sol!.spells, 'one spell 100…105, first seen on 100').toEqual([{ sector: 'layer1', categoryId: 'layer-1', from: 100, to: 105 }]);
  });

  it('starts a new spell when a coin changes sector or comes back after a snapshot without it', () => {
    let history = recordSectorSnapshot(emptyMembership(), 100, [m('fet', 'layer-1'), m('link', 'oracle')]);
    history = recordSectorSnapshot(history, 101, [m('fet', 'artificial-intelligence')]);
    history = recordSectorSnapshot(history, 102, [m('fet', 'artificial-intelligence'), m('link', 'oracle')]);
    expect(history.coins.fet!.spells.map((s) => [s.sector, s.from, s.to])).toEqual([
      ['layer1', 100, 100],
      ['ai', 101, 102],
    ]);
    expect(history.coins.link!.spells.map((s) => [s.from, s.to]), 'missing from the 101 snapshot: two spells').toEqual([
      [100, 100],
      [102, 102],
    ]);
    const dated = datedMemberships(history);
    expect(dated.filter((d) => d.assetId === 'link').map((d) => [d.from, d.until]), 'valid until the next snapshot that no longer listed it').toEqual([
      [100, 101],
      [102, null],
    ]);
  });

  it('a second snapshot the same day replaces that day’s, and an unreadable setting reads as no history', () => {
    let history = recordSectorSnapshot(emptyMembership(), 100, [m('sol', 'layer-1')]);
    history = recordSectorSnapshot(history, 101, [m('sol', 'layer-1'), m('pepe', 'meme-token')]);
    history = recordSectorSnapshot(history, 101, [m('sol', 'layer-2')]);
    expect(history.snapshots).toEqual([100, 101]);
    expect(history.coins.sol!.spells.map((s) => [s.sector, s.from, s.to])).toEqual([
      ['layer1', 100, 100],
      ['layer2', 101, 101],
    ]);
    expect(history.coins.pepe, 'the replaced snapshot’s coin is gone').toBeUndefined();
    expect(parseSectorMembership('{not json')).toEqual(emptyMembership());
    expect(parseSectorMembership(JSON.stringify(history))).toEqual(history);
  });
});
