import { describe, expect, it } from 'vitest';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import type { SourceName } from '../create-sources.ts';
import { parseOptionName } from '../../../domain/signal-series-names.ts';

sourceContract('deribit' as SourceName);

describe('Deribit instrument names', () => {
  it('parse into currency, expiry, strike and type (one- or two-digit days, decimal strikes)', () => {
    expect(parseOptionName('BTC-27JUN25-100000-C')).toEqual({ currency: 'BTC', expiryCode: '27JUN25', strike: 100_000, type: 'call' });
    expect(parseOptionName('ETH-5JUL25-2500-P')).toEqual({ currency: 'ETH', expiryCode: '5JUL25', strike: 2500, type: 'put' });
    expect(parseOptionName('XRP_USDC-5JUL25-2d5-P')).toBeNull();
    expect(parseOptionName('SOL-5JUL25-2d5-P')?.strike).toBe(2.5);
    expect(parseOptionName('BTC-PERPETUAL')).toBeNull();
  });
});
