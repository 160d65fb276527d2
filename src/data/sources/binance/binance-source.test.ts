import { sourceContract } from '../source-contract.ts';

sourceContract('binance', { storedSources: ['bybit'] });
