import { describe, expect, it } from 'vitest';
import { describeProviderSeries, describeReading } from './provider-label.ts';

// What /api/dominance answers on the shared data.
const LABEL = 'all coins (provider unnamed), btc_dominance_daily_2017_2024.csv (unnamed provider, CryptoQuant-like export)';

describe('describeProviderSeries', () => {
  it('says which file the unnamed provider series came from instead of "(provider unnamed)"', () => {
    const described = describeProviderSeries(LABEL)!;
    expect(described.short, 'the legend names the imported file').toBe('provider series imported from btc_dominance_daily_2017_2024.csv');
    expect(described.long, 'the universe line keeps all the label says').toBe(
      'provider series imported from btc_dominance_daily_2017_2024.csv (unnamed provider, CryptoQuant-like export; covers all coins)',
    );
    expect(described.long).not.toMatch(/provider unnamed/);
  });

  it('rewrites the readings that quote the unnamed universe', () => {
    const reading = 'BTC.D crossed above 55% on 2024-07-16 (all coins (provider unnamed))';
    expect(describeReading(reading, describeProviderSeries(LABEL))).toBe('BTC.D crossed above 55% on 2024-07-16 (provider series imported from btc_dominance_daily_2017_2024.csv)');
    expect(describeReading('BTC.D 61.7% on 2025-07-28 (top 125 stored assets)', describeProviderSeries(LABEL)), 'other readings are untouched').toBe(
      'BTC.D 61.7% on 2025-07-28 (top 125 stored assets)',
    );
  });

  it('shows a named provider as the server labels it', () => {
    expect(describeProviderSeries('all coins (CoinGecko /global)')?.long).toBe('all coins (CoinGecko /global)');
    expect(describeReading('BTC.D 50% (all coins (CoinGecko /global))', describeProviderSeries('all coins (CoinGecko /global)'))).toBe('BTC.D 50% (all coins (CoinGecko /global))');
    expect(describeProviderSeries(null)).toBeNull();
  });
});
