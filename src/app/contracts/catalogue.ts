/** `altseason sources` and `altseason assets`: what the store holds, by source and by asset. */
import { z } from 'zod';
import { SOURCES_SCHEMA, ASSETS_SCHEMA } from './schema-names.ts';
import { IsoDateSchema } from './data-notice.ts';


export const SourceRowSchema = z.object({
  /** 1 = wins when several sources give the same asset and day. */
  precedence: z.number().int(),
  source: z.string(),
  observations: z.number().int(),
  assets: z.number().int(),
  firstDate: IsoDateSchema.nullable(),
  lastDate: IsoDateSchema.nullable(),
  /** The licence or terms restricting use of the source's data ("CC BY-NC 4.0: non-commercial …"); null when none is on record. */
  licence: z.string().nullable(),
});
export type SourceRow = z.infer<typeof SourceRowSchema>;
export const SourcesResultSchema = z.object({ schema: z.literal(SOURCES_SCHEMA), simulated: z.boolean(), sources: z.array(SourceRowSchema) });
export type SourcesResult = z.infer<typeof SourcesResultSchema>;

export const AssetRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  symbol: z.string(),
  /** "LUNA 2019-07-26..2022-05-27; LUNC 2022-05-28..2025-07-28" */
  tickers: z.string(),
  /** "coingecko:terra-luna [..2022-05-27]" */
  aliases: z.string(),
});
export type AssetRow = z.infer<typeof AssetRowSchema>;
export const AssetsResultSchema = z.object({ schema: z.literal(ASSETS_SCHEMA), simulated: z.boolean(), search: z.string().nullable(), assets: z.array(AssetRowSchema) });
export type AssetsResult = z.infer<typeof AssetsResultSchema>;

export { SOURCES_SCHEMA, ASSETS_SCHEMA };
