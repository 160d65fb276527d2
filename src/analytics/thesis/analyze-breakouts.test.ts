import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { runEventStudies } from './analyze-breakouts.ts';

describe('runEventStudies', () => {
  it('lists the dates of exactly the events the study used', () => {
    const first = parseDay('2021-01-01');
    const days = Int32Array.from({ length: 40 }, (_, i) => first + i);
    const target = Float64Array.from({ length: 40 }, (_, i) => 0.001 * Math.sin(i));
    // The event on day 20 has a missing return inside its 5-day forward window, so the study drops it.
    target[23] = Number.NaN;
    const [study] = runEventStudies(days, { 'median-excess': target }, [5, 20], { seed: 1, replicates: 19, alpha: 0.05, eventHorizons: [5], hitHorizons: [], threshold: 75 });
    expect(study!.events).toBe(1);
    expect(study!.eventsDropped).toBe(1);
    expect(study!.eventDates, 'a dropped event must not be listed as one the study rests on').toEqual(['2021-01-06']);
  });
});
