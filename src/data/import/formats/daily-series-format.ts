/**
 * Builds formats for files of daily scalar series (`date,<value columns>`): each value column
 * becomes one named series (SERIES) from one source, at 00:00 UTC of the day.
 */
import { isoDateOf, msOfDay } from '../../../domain/dates.ts';
import { ColumnReader, type NumberRule } from '../column-reader.ts';
import { DuplicateKeys } from '../duplicate-keys.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

export interface SeriesColumn {
  column: string;
  /** null: the column is validated but not stored (check columns). */
  series: string | null;
  source: string | null;
  rule: NumberRule;
  /** Inclusive bounds checked on every value (percentages, indexes 0–100). */
  range?: [number, number];
  /** A row may leave this column empty. */
  optional: boolean;
}

export function dailySeriesFormat(spec: { id: string; description: string; columns: SeriesColumn[] }): ImportFormat {
  const header = ['date', ...spec.columns.map((c) => c.column)];
  return {
    id: spec.id,
    description: spec.description,
    columns: header.join(','),
    matches: (candidate) => headerIs(candidate, header),
    createParser({ file, header: fileHeader }) {
      const columns = new ColumnReader(file, fileHeader);
      const days = new DuplicateKeys(file);
      const parsed = emptyParsedFile([...new Set(spec.columns.flatMap((c) => (c.source === null ? [] : [c.source])))]);
      let rows = 0;
      return {
        row(record) {
          columns.checkWidth(record);
          const day = columns.day(record, 'date');
          days.check(day, record, () => `the day ${isoDateOf(day)}`);
          const at = msOfDay(day);
          for (const column of spec.columns) {
            const value = column.optional
              ? columns.optionalNumber(record, column.column, column.rule)
              : columns.requiredNumber(record, column.column, column.rule);
            if (value === null) continue;
            if (column.range && (value < column.range[0] || value > column.range[1])) {
              columns.fail(record.line, column.column, columns.text(record, column.column), `between ${column.range[0]} and ${column.range[1]}`);
            }
            if (column.series !== null && column.source !== null) parsed.seriesPoints.push({ series: column.series, at, source: column.source, value });
          }
          rows++;
        },
        finish() {
          parsed.rows = rows;
          return parsed;
        },
      };
    },
  };
}
