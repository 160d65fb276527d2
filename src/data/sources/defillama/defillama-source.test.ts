import { sourceContract } from '../../../../test/contracts/source-contract.ts';

sourceContract('defillama');
