import { sourceContract } from '../../../../test/contracts/source-contract.ts';

sourceContract('fred', { sinceDays: 500 });
