import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import type { SourceName } from '../create-sources.ts';

sourceContract('bybit' as SourceName);
