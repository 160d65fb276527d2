import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWeightsFile } from './readiness-command.ts';

describe('--weights FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-weights-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a valid file', () => {
    expect(readWeightsFile(file('ok.json', '{"asi-level": 3, "btc-dominance-trend": 1}'))).toEqual({ 'asi-level': 3, 'btc-dominance-trend': 1 });
  });
  it('names the file and the problem', () => {
    const unknown = file('unknown.json', '{"asi": 1}');
    expect(() => readWeightsFile(unknown)).toThrow(`--weights ${unknown}: unknown component "asi"`);
    expect(() => readWeightsFile(file('negative.json', '{"asi-level": -2}'))).toThrow(/negative\.json: the weight of asi-level is negative \(-2\)/);
    expect(() => readWeightsFile(file('zero.json', '{"asi-level": 0, "fear-greed": 0}'))).toThrow(/zero\.json: the weights sum to 0/);
    expect(() => readWeightsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the file \(ENOENT\)/);
  });
});
