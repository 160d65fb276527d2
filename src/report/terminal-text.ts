/**
 * Text from data (coin names, tickers, sources) reaches the terminal. A name may carry escape
 * sequences that move the cursor, rewrite the window title or plant hyperlinks: every control
 * character is shown as "�" except the colour codes (SGR, ESC [ … m) this tool adds itself.
 * Widths are measured as the terminal shows them (wide CJK glyphs and emoji take two columns).
 */
import stringWidth from 'string-width';

// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function neutraliseControls(text: string): string {
  return text.replace(CONTROL, (match) => (match.length > 1 ? match : '\uFFFD'));
}

/** Columns the text takes on a terminal, colour codes excluded. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}
