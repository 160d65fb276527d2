/**
 * The provider's own BTC.D series, described by what is known of it. The server labels an imported
 * file whose provider is not named "all coins (provider unnamed), btc_dominance_daily_2017_2024.csv
 * (unnamed provider, CryptoQuant-like export)"; a reader learns more from the file it came from
 * than from "(provider unnamed)". Labels without a file name are shown as the server gives them.
 */
export interface ProviderDescription {
  /** For the legend and the readings: "provider series imported from btc_dominance_daily_2017_2024.csv". */
  short: string;
  /** With everything the label says: "… (unnamed provider, CryptoQuant-like export; covers all coins)". */
  long: string;
  /** The universe text as the server writes it in readings ("all coins (provider unnamed)"), to replace there. */
  universe: string;
}

export function describeProviderSeries(label: string | null | undefined): ProviderDescription | null {
  if (!label) return null;
  const file = /([\w.-]+\.(?:csv|json|tsv|gz))(?:\s*\(([^)]*)\))?/i.exec(label);
  const universe = label.split(/,\s*(?=[\w.-]+\.(?:csv|json|tsv|gz)\b)/i)[0]!.trim();
  if (!file) return { short: label, long: label, universe: label };
  const covers = universe.replace(/\s*\((?:provider unnamed|unnamed provider)\)/i, '').trim();
  const short = `provider series imported from ${file[1]}`;
  const notes = [file[2], covers ? `covers ${covers}` : undefined].filter(Boolean);
  return { short, long: notes.length ? `${short} (${notes.join('; ')})` : short, universe };
}

/** A reading with the provider's "(provider unnamed)" universe replaced by what is known of it. */
export function describeReading(reading: string, provider: ProviderDescription | null): string {
  return provider && provider.universe !== provider.short ? reading.split(provider.universe).join(provider.short) : reading;
}
