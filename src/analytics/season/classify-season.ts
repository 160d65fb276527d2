/** Season of an index value: altcoin at or above the alt threshold, bitcoin at or below the BTC threshold. */
export type Season = 'altcoin' | 'bitcoin' | 'neutral';

export function classifySeason(index: number | null, altThreshold = 75, btcThreshold = 25): Season | null {
  if (index === null) return null;
  if (index >= altThreshold) return 'altcoin';
  if (index <= btcThreshold) return 'bitcoin';
  return 'neutral';
}
