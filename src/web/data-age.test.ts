import { describe, expect, it } from 'vitest';
import { dataAge } from './data-age.ts';

describe('dataAge', () => {
  it('counts whole UTC days from the last stored day to today', () => {
    const age = dataAge('2025-07-28', new Date('2026-12-01T23:30:00Z'));
    expect(age?.days, '2025-07-28 → 2026-12-01 is 365 + 126 days').toBe(491);
    expect(age?.text, 'the page states the data end and their age').toBe('data end 2025-07-28, 491 days ago');
    expect(age?.stale, 'a year-old store is stale').toBe(true);
  });

  it('warns only after 3 days: a daily sync that ran yesterday is not stale', () => {
    const now = new Date('2025-08-01T08:00:00Z');
    expect(dataAge('2025-08-01', now)?.text).toBe('data end 2025-08-01, today');
    expect(dataAge('2025-07-31', now)?.text).toBe('data end 2025-07-31, 1 day ago');
    expect(dataAge('2025-07-29', now)?.stale, '3 days old is still fresh').toBe(false);
    expect(dataAge('2025-07-28', now)?.stale, '4 days old is stale').toBe(true);
  });

  it('has no age for an empty store or a malformed date', () => {
    expect(dataAge(null, new Date())).toBeNull();
    expect(dataAge('28/07/2025', new Date())).toBeNull();
  });
});
