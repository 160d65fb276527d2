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
    ];
    for (const text of samples) expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  });
});
