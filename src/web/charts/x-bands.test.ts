import { describe, expect, it } from 'vitest';
import { spanRects } from './x-bands.ts';

// A plot from x = 100 px, 200 px wide, 2 px a day from 2022-01-01 (so it shows 2022-01-01 … 2022-04-10).
const origin = Date.parse('2022-01-01T00:00:00Z') / 1000;
const toPos = (seconds: number) => 100 + ((seconds - origin) / 86_400) * 2;
const rects = (start: string, end: string) => spanRects([{ start, end }], toPos, 100, 200);

describe('spanRects', () => {
  it('covers a span from the start of its first day to the end of its last', () => {
    expect(rects('2022-01-11', '2022-01-20'), 'days 10–19: 10 days of 2 px from 120 px').toEqual([{ x: 120, width: 20 }]);
    expect(rects('2022-02-01', '2022-02-01'), 'a one-day season is one day wide').toEqual([{ x: 162, width: 2 }]);
  });

  it('clips spans at the plot edges and leaves out spans outside it', () => {
    expect(rects('2021-12-01', '2022-01-05'), 'begins before the plot: to the end of 2022-01-05').toEqual([{ x: 100, width: 10 }]);
    expect(rects('2022-04-01', '2022-05-31'), 'ends after it: from day 90 to the right edge').toEqual([{ x: 280, width: 20 }]);
    expect(rects('2021-01-01', '2023-01-01'), 'covers it all').toEqual([{ x: 100, width: 200 }]);
    expect(rects('2021-01-01', '2021-02-01'), 'wholly before').toEqual([]);
    expect(rects('2022-06-01', '2022-07-01'), 'wholly after').toEqual([]);
  });

  it('keeps one rectangle per visible span, in order', () => {
    const spans = [{ start: '2022-01-11', end: '2022-01-20' }, { start: '2021-01-01', end: '2021-02-01' }, { start: '2022-02-01', end: '2022-02-01' }];
    expect(spanRects(spans, toPos, 100, 200)).toEqual([{ x: 120, width: 20 }, { x: 162, width: 2 }]);
  });
});
