import { describe, expect, it } from 'vitest';
import { evaluateRule, type AlertCondition, type AlertRuleDefinition } from './evaluate-rule.ts';

function rule(condition: AlertCondition, rearmMargin = 0, cooldownDays = 0): AlertRuleDefinition {
  return { id: 'r', condition, rearmMargin, cooldownDays, severity: 'info' };
}
const series = (values: (number | string | null)[], start = 100) => ({ days: Int32Array.from(values, (_, i) => start + i), values });
const fires = (r: ReturnType<typeof evaluateRule>) => r.events.filter((e) => e.kind === 'fire').map((e) => e.day);
const suppressed = (r: ReturnType<typeof evaluateRule>) => r.events.filter((e) => e.kind === 'suppressed').map((e) => `${e.day}:${e.reason}`);

describe('evaluateRule', () => {
  it('fires on an upward crossing xₜ₋₁ < θ ≤ xₜ, never on the first bar', () => {
    //                               100 101 102 103 104 105 106
    const r = evaluateRule(rule({ when: 'crosses-above', value: 75 }), series([80, 70, 75, 74, 90, 60, 76]));
    expect(fires(r), '101→102 reaches 75 exactly; 103→104; 105→106; the first bar (80) only records').toEqual([102, 104, 106]);
  });

  it('crosses below with θ ≥ xₜ', () => {
    const r = evaluateRule(rule({ when: 'crosses-below', value: 50 }), series([55, 50, 52, 49]));
    expect(fires(r)).toEqual([101, 103]);
  });

  it('re-arms only beyond the margin: a dip to 72 does not re-arm an ASI 75/70 rule, a dip below 70 does', () => {
    //                                                               100 101 102 103 104 105 106
    const r = evaluateRule(rule({ when: 'crosses-above', value: 75 }, 5), series([70, 76, 72, 77, 69, 74, 80]));
    expect(fires(r)).toEqual([101, 106]);
    expect(suppressed(r), '102→103 re-crosses while fired').toEqual(['103:hysteresis']);
  });

  it('drops a re-armed crossing inside the cooldown (not queued) and fires after it', () => {
    // Fires 101; re-arms 102 (60 < 75); crosses 103 (< 101 + 5): dropped; re-arms 104; crosses 106 (≥ 106): fires.
    const r = evaluateRule(rule({ when: 'crosses-above', value: 75 }, 0, 5), series([70, 80, 60, 80, 60, 60, 80]));
    expect(fires(r)).toEqual([101, 106]);
    expect(suppressed(r)).toEqual(['103:cooldown']);
  });

  it('fires a stays-above rule on the N-th bar in a row and again only after re-arming', () => {
    //                                                                         100 101 102 103 104 105 106 107
    const r = evaluateRule(rule({ when: 'stays-above', value: 10, days: 3 }), series([11, 12, 13, 14, 9, 10, 11, 12]));
    expect(fires(r)).toEqual([102, 107]);
  });

  it('changes by X points over N calendar days, the base taken at or before t − N', () => {
    const days = Int32Array.from([100, 101, 103, 104, 110]);
    const values = [10, 11, 16, 13, 30];
    const r = evaluateRule(rule({ when: 'changes-by', value: 5, days: 2, unit: 'points' }), { days, values });
    // 103: base at ≤ 101 = 11, +5 → fires; 104: base at ≤ 102 = 11, +2 → re-arms; 110: base at ≤ 108 = 13, +17 → fires.
    expect(fires(r)).toEqual([103, 110]);
    const pct = evaluateRule(rule({ when: 'changes-by', value: -20, days: 1, unit: 'percent' }), series([100, 79, 60, 70, 50]));
    // 101 −21 % fires; 102 −24 % stays met (no new trigger); 103 +16.7 % re-arms; 104 −28.6 % fires.
    expect(fires(pct)).toEqual([101, 104]);
  });

  it('fires when a phase is entered', () => {
    const r = evaluateRule(rule({ when: 'enters-phase', phase: 'memes' }), series(['memes', 'large-caps', 'memes', 'memes', null, 'mid-caps', 'memes']));
    expect(fires(r), 'not on the first bar; null bars are skipped').toEqual([102, 106]);
  });

  it('resumes from a stored state exactly as one run over the whole series', () => {
    const values = [70, 76, 72, 77, 69, 74, 80, 60, 90, 50, 76];
    const whole = evaluateRule(rule({ when: 'crosses-above', value: 75 }, 5, 3), series(values));
    const first = evaluateRule(rule({ when: 'crosses-above', value: 75 }, 5, 3), series(values), { toDay: 104 });
    const rest = evaluateRule(rule({ when: 'crosses-above', value: 75 }, 5, 3), series(values), { state: first.state });
    expect([...first.events, ...rest.events]).toEqual(whole.events);
    expect(rest.state).toEqual(whole.state);
  });

  it('reads nothing after the as-of day', () => {
    const r = evaluateRule(rule({ when: 'crosses-above', value: 75 }), series([70, 80, 70, 80]), { toDay: 102 });
    expect(fires(r)).toEqual([101]);
    expect(r.state.lastDay).toBe(102);
  });
});
