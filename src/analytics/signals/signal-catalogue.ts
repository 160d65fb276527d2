/**
 * The confirmation signals: each one's definition, unit, inputs, computation and reading rule
 * (docs/signals.md lists them). A computation returns the signal's daily history, every cell from
 * data on or before its day; the reading turns a value (and its 1-year percentile) into
 * supports / neutral / against an altcoin season by the rule stated beside it.
 */
import { combineDaily, mapDaily, type DailyValues } from './daily-values.ts';
import { annualisedFundingPct } from './funding-daily-mean.ts';
import { pointInTimeTrailingSum, sortVintages } from './point-in-time.ts';
import { bollingerBandwidth, changePct, realisedVolatilityPct, shortOverLongGrowth, trailingMean, trailingZScore } from './rolling.ts';
import { ALTS, INPUT, TOTAL, type SignalInputs } from './signal-inputs.ts';

export type Reading = 'supports' | 'neutral' | 'against';
export type SignalGroup = 'volume' | 'volatility' | 'on-chain' | 'exchange flows' | 'derivatives' | 'sentiment';

export interface SignalDefinition {
  name: string;
  label: string;
  group: SignalGroup;
  unit: string;
  /** How the value is computed, in words. */
  definition: string;
  /** The reading rule, in words (the `read` function implements exactly this). */
  rule: string;
  /** Input series it needs (all of them), daily or vintaged. */
  inputs: readonly string[];
  compute(inputs: SignalInputs): DailyValues | null;
  read(value: number, percentile: number | null): Reading;
}

const band = (value: number, supports: (v: number) => boolean, against: (v: number) => boolean): Reading => (supports(value) ? 'supports' : against(value) ? 'against' : 'neutral');
const byPercentile = (low: 'supports' | 'against') => (_value: number, percentile: number | null): Reading => {
  if (percentile === null) return 'neutral';
  if (percentile <= 20) return low;
  if (percentile >= 80) return low === 'supports' ? 'against' : 'supports';
  return 'neutral';
};
const threshold = (up: number, down: number) => (value: number): Reading => band(value, (v) => v > up, (v) => v < down);

function daily(inputs: SignalInputs, name: string): DailyValues | null {
  const input = inputs.daily[name];
  return input && input.values.values.length > 0 ? input.values : null;
}

const growthPct = (s: DailyValues) => mapDaily(shortOverLongGrowth(s, 30, 90), (g) => g * 100);

function perAsset(asset: 'BTC' | 'ETH'): SignalDefinition[] {
  const a = asset.toLowerCase();
  const activity = (metric: 'activeAddresses' | 'txCount', label: string): SignalDefinition => ({
    name: `${metric === 'activeAddresses' ? 'active_addresses' : 'tx_count'}_growth_${a}`,
    label: `${asset} ${label} 30d vs 90d`,
    group: 'on-chain',
    unit: '%',
    definition: `100 × (mean of the last 30 days / mean of the last 90 days − 1) of ${asset}'s daily ${label}`,
    rule: 'supports above +5 %, against below −5 %, else neutral',
    inputs: [INPUT[metric](asset)],
    compute: (inputs) => {
      const s = daily(inputs, INPUT[metric](asset));
      return s && growthPct(s);
    },
    read: threshold(5, -5),
  });
  const netflow = (window: number): SignalDefinition => ({
    name: `exchange_netflow_${window}d_${a}`,
    label: `${asset} exchange net flow ${window}d`,
    group: 'exchange flows',
    unit: asset,
    definition: `sum over the last ${window} days of (coins sent to exchanges − coins withdrawn), each day's flows as first published by then (point in time, revisions after the day unseen)`,
    rule: 'supports below 0 (net outflow = accumulation), against above 0, neutral at 0',
    inputs: [INPUT.exchangeInflow(asset), INPUT.exchangeOutflow(asset)],
    compute: (inputs) => {
      const inflow = inputs.vintaged[INPUT.exchangeInflow(asset)];
      const outflow = inputs.vintaged[INPUT.exchangeOutflow(asset)];
      if (!inflow || !outflow || inflow.vintages.length === 0 || outflow.vintages.length === 0) return null;
      const first = Math.min(...[...inflow.vintages, ...outflow.vintages].map((v) => v.seenDay));
      // Cell t is the net flow as known on t: the history runs to the last fetch (or the last day fetched).
      const last = Math.max(...[...inflow.vintages, ...outflow.vintages].map((v) => Math.max(v.seenDay, v.values.firstDay + v.values.values.length - 1)));
      const ins = pointInTimeTrailingSum(sortVintages(inflow.vintages), window, first, last);
      const outs = pointInTimeTrailingSum(sortVintages(outflow.vintages), window, first, last);
      return combineDaily(ins, outs, (i, o) => i - o);
    },
    read: (v) => band(v, (x) => x < 0, (x) => x > 0),
  });
  return [
    {
      name: `volume_trend_${a}`,
      label: `${asset} volume 30d vs 90d`,
      group: 'volume',
      unit: '%',
      definition: `100 × (mean daily traded volume (USD) of the last 30 days / of the last 90 days − 1), ${asset}`,
      rule: 'supports above +10 % (volume holding up), against below −10 %, else neutral',
      inputs: [INPUT.volume(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.volume(asset));
        return s && growthPct(s);
      },
      read: threshold(10, -10),
    },
    {
      name: `realised_vol_30d_${a}`,
      label: `${asset} realised volatility 30d`,
      group: 'volatility',
      unit: '% p.a.',
      definition: `sample SD of the last 30 daily log returns of ${asset}'s close × √365 × 100`,
      rule: 'supports at or below the 20th 1-year percentile (contraction), against at or above the 80th, else neutral',
      inputs: [INPUT.price(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.price(asset));
        return s && realisedVolatilityPct(s, 30);
      },
      read: byPercentile('supports'),
    },
    {
      name: `bollinger_width_${a}`,
      label: `${asset} Bollinger bandwidth 20d`,
      group: 'volatility',
      unit: 'ratio',
      definition: `(upper − lower) / middle of the 20-day, 2σ Bollinger bands of ${asset}'s close (trading-signals BollingerBandsWidth)`,
      rule: 'supports at or below the 20th 1-year percentile (squeeze), against at or above the 80th, else neutral',
      inputs: [INPUT.price(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.price(asset));
        return s && bollingerBandwidth(s, 20, 2);
      },
      read: byPercentile('supports'),
    },
    activity('activeAddresses', 'active addresses'),
    activity('txCount', 'transaction count'),
    {
      name: `activity_price_divergence_${a}`,
      label: `${asset} active addresses vs price`,
      group: 'on-chain',
      unit: 'pp',
      definition: `30d-vs-90d growth of active addresses minus 30d-vs-90d growth of the close, both in % (positive: activity grows faster than price)`,
      rule: 'supports above +5 pp, against below −5 pp, else neutral',
      inputs: [INPUT.activeAddresses(asset), INPUT.price(asset)],
      compute: (inputs) => {
        const addresses = daily(inputs, INPUT.activeAddresses(asset));
        const price = daily(inputs, INPUT.price(asset));
        return addresses && price && combineDaily(growthPct(addresses), growthPct(price), (x, y) => x - y);
      },
      read: threshold(5, -5),
    },
    netflow(7),
    netflow(30),
    {
      name: `funding_annualised_${a}`,
      label: `${asset} perpetual funding`,
      group: 'derivatives',
      unit: '% p.a.',
      definition: `mean of the day's funding settlements (fraction per 8 h) × 3 × 365 × 100, ${asset}USDT perpetual; venue by precedence (Binance, Bybit, OKX, then the all-exchange aggregate ÷ 100)`,
      rule: 'supports between 0 and 30 % p.a. (longs pay, not overheated), against below 0 or above 60 %, else neutral',
      inputs: [INPUT.funding(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.funding(asset));
        return s && mapDaily(s, annualisedFundingPct);
      },
      read: (v) => band(v, (x) => x > 0 && x <= 30, (x) => x < 0 || x > 60),
    },
    {
      name: `open_interest_change_30d_${a}`,
      label: `${asset} open interest 30d change`,
      group: 'derivatives',
      unit: '%',
      definition: `100 × (open interest (USD) today / 30 days earlier − 1), one venue's series (Bybit's coin counts × the close of the day before); relative change only (venues' levels differ)`,
      rule: 'supports above +10 % (new money), against below −10 %, else neutral',
      inputs: [INPUT.openInterestUsd(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.openInterestUsd(asset));
        return s && changePct(s, 30);
      },
      read: threshold(10, -10),
    },
    {
      name: `long_short_${a}`,
      label: `${asset} long/short account ratio`,
      group: 'derivatives',
      unit: 'ratio',
      definition: `accounts net long / accounts net short on the ${asset}USDT perpetual (Binance global ratio, Bybit buyRatio / sellRatio)`,
      rule: 'supports above 1.0 up to 2.0, against below 0.9 or above 3.0 (crowded), else neutral',
      inputs: [INPUT.longShort(asset)],
      compute: (inputs) => daily(inputs, INPUT.longShort(asset)),
      read: (v) => band(v, (x) => x > 1 && x <= 2, (x) => x < 0.9 || x > 3),
    },
    {
      name: `skew_rr25_${a}`,
      label: `${asset} 25Δ risk reversal 30d`,
      group: 'derivatives',
      unit: 'vol pts',
      definition: `IV of the 25-delta call − IV of the 25-delta put at a constant 30-day maturity (Deribit chain, Black-76 forward deltas, the day's last snapshot)`,
      rule: 'supports above +1 vol pt (calls bid), against below −1, else neutral',
      inputs: [INPUT.riskReversal(asset)],
      compute: (inputs) => daily(inputs, INPUT.riskReversal(asset)),
      read: threshold(1, -1),
    },
    {
      name: `skew_rr25_z_${a}`,
      label: `${asset} 25Δ risk reversal z-score`,
      group: 'derivatives',
      unit: 'z',
      definition: `(RR25 − mean) / SD over the trailing 90 days (at least 20 snapshot days)`,
      rule: 'supports above +1, against below −1, else neutral',
      inputs: [INPUT.riskReversal(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.riskReversal(asset));
        return s && trailingZScore(s, 90, 20);
      },
      read: threshold(1, -1),
    },
    {
      name: `skew_bf25_${a}`,
      label: `${asset} 25Δ butterfly 30d`,
      group: 'derivatives',
      unit: 'vol pts',
      definition: `½ × (IV of the 25-delta call + IV of the 25-delta put) − ATM IV at a constant 30-day maturity (Deribit chain, Black-76 forward deltas, the day's last snapshot)`,
      rule: 'supports at or below the 20th 1-year percentile (wings cheap: no tail hedging), against at or above the 80th (tails bid), else neutral',
      inputs: [INPUT.butterfly(asset)],
      compute: (inputs) => daily(inputs, INPUT.butterfly(asset)),
      read: byPercentile('supports'),
    },
    {
      name: `skew_bf25_z_${a}`,
      label: `${asset} 25Δ butterfly z-score`,
      group: 'derivatives',
      unit: 'z',
      definition: `(BF25 − mean) / SD over the trailing 90 days (at least 20 snapshot days)`,
      rule: 'supports below −1 (wings cheaper than of late), against above +1 (tails bid), else neutral',
      inputs: [INPUT.butterfly(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.butterfly(asset));
        return s && trailingZScore(s, 90, 20);
      },
      read: (v) => band(v, (x) => x < -1, (x) => x > 1),
    },
    {
      name: `atm_iv_30d_${a}`,
      label: `${asset} ATM implied volatility 30d`,
      group: 'volatility',
      unit: '%',
      definition: `at-the-money implied volatility at a constant 30-day maturity (Deribit chain: IV linear in ln(K/F) between the OTM strikes around the forward, total variance between the two expiries around 30 days)`,
      rule: 'supports at or below the 20th 1-year percentile (contraction), against at or above the 80th, else neutral',
      inputs: [INPUT.atmIv(asset)],
      compute: (inputs) => daily(inputs, INPUT.atmIv(asset)),
      read: byPercentile('supports'),
    },
    {
      name: `atm_iv_30d_z_${a}`,
      label: `${asset} ATM implied volatility z-score`,
      group: 'volatility',
      unit: 'z',
      definition: `(ATM IV 30d − mean) / SD over the trailing 90 days (at least 20 snapshot days)`,
      rule: 'supports below −1 (volatility contracting against its recent range), against above +1, else neutral',
      inputs: [INPUT.atmIv(asset)],
      compute: (inputs) => {
        const s = daily(inputs, INPUT.atmIv(asset));
        return s && trailingZScore(s, 90, 20);
      },
      read: (v) => band(v, (x) => x < -1, (x) => x > 1),
    },
    {
      name: `implied_vol_${a}`,
      label: `${asset} implied volatility (DVOL)`,
      group: 'volatility',
      unit: '%',
      definition: `Deribit DVOL (30-day implied volatility index), daily close`,
      rule: 'supports at or below the 20th 1-year percentile (contraction), against at or above the 80th, else neutral',
      inputs: [INPUT.dvol(asset)],
      compute: (inputs) => daily(inputs, INPUT.dvol(asset)),
      read: byPercentile('supports'),
    },
  ];
}

export const SIGNALS: readonly SignalDefinition[] = [
  {
    name: 'alt_volume_share',
    label: 'Alt share of volume (7d)',
    group: 'volume',
    unit: '%',
    definition: '100 × 7-day mean volume of the alt basket / 7-day mean volume of BTC + ETH + alt basket (stablecoins, wrapped and staked tokens left out)',
    rule: 'supports at or above the 80th 1-year percentile, against at or below the 20th, else neutral',
    inputs: [INPUT.volume(ALTS), INPUT.volume(TOTAL)],
    compute: (inputs) => {
      const alts = daily(inputs, INPUT.volume(ALTS));
      const total = daily(inputs, INPUT.volume(TOTAL));
      return alts && total && combineDaily(trailingMean(alts, 7, 5), trailingMean(total, 7, 5), (x, y) => (y > 0 ? (100 * x) / y : NaN));
    },
    read: byPercentile('against'),
  },
  {
    name: 'volume_trend_alts',
    label: 'Alt basket volume 30d vs 90d',
    group: 'volume',
    unit: '%',
    definition: '100 × (mean daily volume of the alt basket over the last 30 days / over the last 90 days − 1)',
    rule: 'supports above +10 %, against below −10 %, else neutral',
    inputs: [INPUT.volume(ALTS)],
    compute: (inputs) => {
      const s = daily(inputs, INPUT.volume(ALTS));
      return s && growthPct(s);
    },
    read: threshold(10, -10),
  },
  ...perAsset('BTC'),
  ...perAsset('ETH'),
  {
    name: 'dex_volume_trend',
    label: 'DEX volume 30d vs 90d',
    group: 'on-chain',
    unit: '%',
    definition: '100 × (mean daily DEX volume (DefiLlama, all chains, USD) of the last 30 days / of the last 90 days − 1)',
    rule: 'supports above +10 %, against below −10 %, else neutral',
    inputs: [INPUT.dexVolume],
    compute: (inputs) => {
      const s = daily(inputs, INPUT.dexVolume);
      return s && growthPct(s);
    },
    read: threshold(10, -10),
  },
  {
    name: 'defi_tvl_change_30d',
    label: 'DeFi TVL 30d change',
    group: 'on-chain',
    unit: '%',
    definition: '100 × (total value locked (DefiLlama, all chains, USD) today / 30 days earlier − 1)',
    rule: 'supports above +10 %, against below −10 %, else neutral',
    inputs: [INPUT.defiTvl],
    compute: (inputs) => {
      const s = daily(inputs, INPUT.defiTvl);
      return s && changePct(s, 30);
    },
    read: threshold(10, -10),
  },
  {
    name: 'fear_greed',
    label: 'Crypto Fear & Greed',
    group: 'sentiment',
    unit: 'index',
    definition: "alternative.me's Crypto Fear & Greed Index (0 = extreme fear, 100 = extreme greed), as published",
    rule: 'supports from 55 to 85 (greed, short of euphoria), against at or below 30 or above 90, else neutral',
    inputs: [INPUT.fearGreed],
    compute: (inputs) => daily(inputs, INPUT.fearGreed),
    read: (v) => band(v, (x) => x >= 55 && x <= 85, (x) => x <= 30 || x > 90),
  },
];

export function signalByName(name: string): SignalDefinition | undefined {
  return SIGNALS.find((s) => s.name === name);
}
