import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import type { SourceName } from '../create-sources.ts';
import { DEFILLAMA_ROWS } from './defillama-chains-source.ts';

sourceContract('defillama-chains' as SourceName, { storedSources: [DEFILLAMA_ROWS] });
