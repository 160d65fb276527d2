import { describe, expect, it } from 'vitest';
import { commandNameIn } from './command-name.ts';

describe('commandNameIn', () => {
  it('is the first word that is neither an option nor the value of --db', () => {
    expect(commandNameIn(['index', '--from', '2021-01-01'])).toBe('index');
    expect(commandNameIn(['--db', 'store.db', 'status'])).toBe('status');
    expect(commandNameIn(['--verbose', '--db', 'x', 'signal', 'volume'])).toBe('signal');
  });
  it('is what `help NAME` asks for, and nothing for --help alone', () => {
    expect(commandNameIn(['help', 'thesis'])).toBe('thesis');
    expect(commandNameIn(['help'])).toBeUndefined();
    expect(commandNameIn(['--help'])).toBeUndefined();
    expect(commandNameIn([])).toBeUndefined();
  });
});
