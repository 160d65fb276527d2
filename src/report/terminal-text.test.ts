import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './terminal-text.ts';

describe('displayWidth', () => {
  it('measures like string-width, with or without its ASCII shortcut', () => {
    const samples = [
      '',
      'BTC',
      'Bitcoin Cash (BCH) 12.5%',
      '\u001b[32mETH\u001b[39m',
      '\u001b[1;31m+4.2\u001b[0m text',
      '~!@#$%^&*()_+{}|:"<>? `-=[]\\;\',./',
      'tab\there',
      'bell\u0007',
      '中文币',
      'Ünïcødé',
      '🚀 moon',
      '\u001b[32m币安\u001b[39m',
      'e\u0301',
      '− ≤ ≥ — … ─┤└ ▁▂█ ←→',
      'a\u00adb',
      '© ® ‼',
    ];
    for (const text of samples) expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  });

  it('measures every single character up to U+2FFF like string-width (the one-column shortcut included)', () => {
    const wrong: string[] = [];
    for (let code = 0x20; code <= 0x2fff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = String.fromCodePoint(code);
      if (displayWidth(text) !== stringWidth(text)) wrong.push(`U+${code.toString(16)}: ${displayWidth(text)} vs ${stringWidth(text)}`);
    }
    expect(wrong, 'characters whose width differs from string-width').toEqual([]);
  });
});
