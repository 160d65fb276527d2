import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import type { SourceName } from '../create-sources.ts';
import { ALTERNATIVE_ME_ROWS } from './alternative-me-source.ts';

sourceContract('alternative-me' as SourceName, { storedSources: [ALTERNATIVE_ME_ROWS] });
