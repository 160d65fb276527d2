/** The days the crypto and the Russell 2000 data have in common, and which of them (or the user's range) cuts it. */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { ThesisReport } from './thesis-report.ts';

export interface SpanEnds {
  cryptoFirst: DayNumber;
  cryptoLast: DayNumber;
  russellFirst: DayNumber;
  russellLast: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
}

export function thesisCommonSpan(ends: SpanEnds): ThesisReport['data']['commonSpan'] {
  const { cryptoFirst, cryptoLast, russellFirst, russellLast } = ends;
  const options = { from: ends.from, to: ends.to };
  const commonFrom = Math.max(cryptoFirst, russellFirst) as DayNumber;
  const commonTo = Math.min(cryptoLast, russellLast) as DayNumber;
  return {
    from: isoDateOf(commonFrom),
    to: isoDateOf(commonTo),
    crypto: { from: isoDateOf(cryptoFirst), to: isoDateOf(cryptoLast) },
    russell: { from: isoDateOf(russellFirst), to: isoDateOf(russellLast) },
    limitedBy: {
      start: options.from !== undefined && options.from > commonFrom ? 'from' : cryptoFirst >= russellFirst ? 'crypto' : 'russell',
      end: options.to !== undefined && options.to < commonTo ? 'to' : cryptoLast <= russellLast ? 'crypto' : 'russell',
    },
  };
}
