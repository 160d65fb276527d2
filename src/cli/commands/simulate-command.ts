/**
 * `altseason simulate`: writes a simulated market (BTC, alts, Russell 2000, S&P 500) with its
 * ground truth into the store named by --db. --db is required so a simulation never lands in the
 * default store by accident; a store holding real data is refused.
 */
import type { Command } from 'commander';
import { isoDateOf, parseDay } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { simulateMarket, type SimulateMarketOptions } from '../../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../sim/write-simulated-market.ts';
import { globalOptions, withStore } from '../context.ts';

function parseNumber(flag: string, integer: boolean) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new InvalidInputError(`${flag}: expected ${integer ? 'a whole number' : 'a number'}, got ${JSON.stringify(text)}`);
    }
    return value;
  };
}

export interface SimulateFlags {
  seed: number;
  years: number;
  assets: number;
  leadDays: number;
  effect: number;
  start: string;
  /** --rotation-lag: plant a rotation ETH → large → mid → small caps with this lag in days. */
  rotationLag?: number;
  rotationEffect?: number;
}

/**
 * The simulation options from the flags. `leadDaysGiven`: --lead-days was on the command line. A
 * lead without a link strength would plant nothing while the user believes a lead is there, so
 * it is refused.
 */
export function simulateOptionsFromFlags(flags: SimulateFlags, leadDaysGiven: boolean): SimulateMarketOptions {
  if (leadDaysGiven && flags.effect === 0) {
    throw new InvalidInputError(`simulate: --lead-days ${flags.leadDays} plants a lead only with --effect above 0 (the default 0 plants no link); add e.g. --effect 0.1, or drop --lead-days`);
  }
  const rotation = flags.rotationLag === undefined ? null : { lagDays: flags.rotationLag, effect: flags.rotationEffect ?? 0.5 };
  return { seed: flags.seed, years: flags.years, assets: flags.assets, leadDays: flags.leadDays, effect: flags.effect, startDate: flags.start, rotation };
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('write a SIMULATED market (BTC, alts, ^RUT, ^GSPC) with its ground truth into a new store (demo data; tests of the statistics)')
    .option('--seed <n>', 'random seed: the same seed gives the same market', parseNumber('--seed', true), 1)
    .option('--years <n>', 'years of daily data', parseNumber('--years', false), 8)
    .option('--assets <n>', 'number of alts', parseNumber('--assets', true), 40)
    .option('--lead-days <n>', 'days by which Russell 2000 returns lead alt-minus-BTC returns (needs --effect above 0)', parseNumber('--lead-days', true), 20)
    .option('--effect <e>', 'strength of the planted link as a correlation in [0, 1); 0 plants none', parseNumber('--effect', false), 0)
    .option('--rotation-lag <days>', 'plant a sector rotation: ETH leads large caps, which lead mid caps, which lead small caps, by this many days each (needs --assets 60 or more)', parseNumber('--rotation-lag', true))
    .option('--rotation-effect <e>', 'strength of the planted rotation, a correlation in [0, 1); 0 sizes the tiers but plants no lead (a null market)', parseNumber('--rotation-effect', false), 0.5)
    .option('--start <date>', 'first day, YYYY-MM-DD', (text: string): string => String(isoDateOf(parseDay(text, '--start'))), '2017-01-01')
    .action(async (flags: SimulateFlags, command: Command) => {
      const options = simulateOptionsFromFlags(flags, command.getOptionValueSource('leadDays') === 'cli');
      if (!globalOptions(command).db) throw new InvalidInputError('simulate: --db PATH is required (a new store file for the simulated market)');
      const market = simulateMarket(options);
      const result = await withStore(command, (store) => writeSimulatedMarket(store, market), { announceSimulated: false }); // its own output says SIMULATED
      const truth = market.groundTruth;
      const link =
        (truth.plantedLink ? `planted link: ^RUT returns lead alt-minus-BTC returns by ${truth.leadDays} days with strength ${truth.effect}` : 'no planted link') +
        (truth.plantedRotation ? `; planted rotation: ${truth.plantedRotation.meaning}` : '');
      process.stdout.write(
        `SIMULATED DATA (not a real market): seed ${truth.seed}, ${truth.startDate} … ${truth.endDate}, bitcoin + ${truth.assets} alts, ^RUT and ^GSPC on weekdays; ${link}.\n` +
          `wrote ${result.changed} rows (${result.unchanged} unchanged); the ground truth is stored in the setting simulation_ground_truth.\n`,
      );
    });
}
