import { describe, expect, it } from 'vitest';
import { makePanel } from '../../domain/make-panel.ts';
import { assignSectors, UNCLASSIFIED, USER_LABEL_SOURCE } from './sector-labels.ts';

const panel = makePanel([
  { id: 'vechain', symbol: 'VET', symbols: ['VEN', 'VET'], firstDay: '2021-01-01', price: [1] },
  { id: 'uniswap', symbol: 'UNI', firstDay: '2021-01-01', price: [1] },
  { id: 'dogecoin', symbol: 'DOGE', firstDay: '2021-01-01', price: [1] },
  { id: 'nothing', symbol: 'XYZ', firstDay: '2021-01-01', price: [1] },
  { id: 'tether', symbol: 'USDT', firstDay: '2021-01-01', price: [1] },
]);
const byId = (labels: ReturnType<typeof assignSectors>) => Object.fromEntries(panel.assets.map((a, i) => [a.id, labels[i]!]));

describe('assignSectors', () => {
  it('takes coin_categories before other sources, the latest ticker before older ones, and says where the label came from', () => {
    const labels = byId(
      assignSectors(panel, [
        { symbol: 'VEN', category: 'payments', source: 'coin_categories' },
        { symbol: 'vet', category: 'layer1', source: 'coin_categories' },
        { symbol: 'UNI', category: 'Decentralized Exchange', source: 'coingecko' },
        { symbol: 'UNI', category: 'defi', source: 'coin_categories' },
        { symbol: 'USDT', category: 'stablecoin', source: 'coin_categories' },
      ]),
    );
    expect(labels.vechain).toEqual({ sector: 'layer1', source: 'coin_categories', matchedBy: 'vet', otherLabels: ['payments'] });
    expect(labels.uniswap).toEqual({ sector: 'defi', source: 'coin_categories', matchedBy: 'UNI', otherLabels: ['decentralized exchange'] });
    expect(labels.nothing).toEqual({ sector: UNCLASSIFIED, source: null, matchedBy: null, otherLabels: [] });
    expect(labels.tether!.sector, 'exclusion categories are no sector').toBe(UNCLASSIFIED);
  });

  it('the user file overrides by id or by ticker', () => {
    const labels = byId(
      assignSectors(panel, [{ symbol: 'DOGE', category: 'payments', source: 'coin_categories' }], {
        userLabels: [
          { key: 'doge', sector: 'Meme' },
          { key: 'dogecoin', sector: 'memes-og' },
          { key: 'xyz', sector: 'AI' },
        ],
      }),
    );
    expect(labels.dogecoin).toEqual({ sector: 'memes-og', source: USER_LABEL_SOURCE, matchedBy: 'dogecoin', otherLabels: ['payments'] });
    expect(labels.nothing).toEqual({ sector: 'ai', source: USER_LABEL_SOURCE, matchedBy: 'XYZ', otherLabels: [] });
  });

  it('an unclassified rule loses to any other category of the same source', () => {
    const labels = byId(assignSectors(panel, [{ symbol: 'XYZ', category: 'unclassified', source: 's' }, { symbol: 'XYZ', category: 'storage', source: 's' }]));
    expect(labels.nothing!.sector).toBe('storage');
  });
});
