import { sourceContract } from '../source-contract.ts';

sourceContract('fred', { sinceDays: 500 });
