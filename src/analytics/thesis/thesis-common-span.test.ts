import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { thesisCommonSpan } from './thesis-common-span.ts';

describe('the span the crypto and Russell 2000 data share', () => {
  const ends = { cryptoFirst: parseDay('2013-04-28'), cryptoLast: parseDay('2025-07-28'), russellFirst: parseDay('1987-09-10'), russellLast: parseDay('2026-02-20') };
  it('starts and ends where the shorter series does, and says which one cut it', () => {
    expect(thesisCommonSpan(ends), 'crypto starts later and ends earlier than the Russell 2000 closes').toEqual({
      from: '2013-04-28',
      to: '2025-07-28',
      crypto: { from: '2013-04-28', to: '2025-07-28' },
      russell: { from: '1987-09-10', to: '2026-02-20' },
      limitedBy: { start: 'crypto', end: 'crypto' },
    });
  });
  it('names the user’s range when it is narrower', () => {
    const span = thesisCommonSpan({ ...ends, from: parseDay('2018-01-01'), to: parseDay('2021-12-31') });
    expect(span.limitedBy, 'both ends come from --from/--to').toEqual({ start: 'from', end: 'to' });
    expect([span.from, span.to], 'the common span itself is still the data’s').toEqual(['2013-04-28', '2025-07-28']);
  });
});
