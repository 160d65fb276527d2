/**
 * Which command a command line names: the first word that is not an option (nor the value of
 * --db), or what `help NAME` asks for. Shared by `main` (which loads that command) and
 * `bin/altseason.js` (which picks that command's bundle, dist/cli-bundle/route.cjs).
 */
export function commandNameIn(args: readonly string[]): string | undefined {
  const words = args.filter((arg, i) => !arg.startsWith('-') && !(i > 0 && args[i - 1] === '--db'));
  if (words[0] === 'help') return words[1];
  return words[0];
}
