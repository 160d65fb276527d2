/**
 * Text from data (coin names, tickers, sources) reaches the terminal. A name may carry escape
 * sequences that move the cursor, rewrite the window title or plant hyperlinks: every control
 * character is shown as "�" except the colour codes (SGR, ESC [ … m) this tool adds itself.
 * Widths are measured as the terminal shows them (wide CJK glyphs and emoji take two columns).
 */
import { createRequire } from 'node:module';

// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function neutraliseControls(text: string): string {
  return text.replace(CONTROL, (match) => (match.length > 1 ? match : '\uFFFD'));
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
/**
 * Characters one column wide, as string-width measures them (checked for every code point by the
 * test): printable ASCII, Latin-1 and Latin Extended letters, general punctuation (— … ‰), arrows
 * ← ↑ → ↓, mathematical operators (− ≤ ≥), box drawing and block elements (the tables and charts),
 * and the triangles ▲ ▼ (the signals' tallies).
 * Left out: © ® ‼ ⁉ (emoji, two columns), the soft hyphen and zero-width and combining marks.
 */
const ONE_COLUMN = /^[\u0020-\u007e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2190-\u2193\u2200-\u22ff\u2500-\u259f\u25b2\u25bc]*$/;

type StringWidth = (text: string) => number;
let stringWidth: StringWidth | null = null;

/** Columns the text takes on a terminal, colour codes excluded. */
export function displayWidth(text: string): number {
  // Text of one-column characters is as wide as it is long, as string-width counts it. string-width
  // (its emoji and East Asian tables) costs ~15 ms to load, so it is loaded only for other text:
  // most tables never need it. Node 20.19+ requires an ES module synchronously.
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  if (ONE_COLUMN.test(plain)) return plain.length;
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: StringWidth }).default;
  return stringWidth(text);
}
