/**
 * The layering rules (`npm run check:layers`, part of `npm test`). Data flow one way:
 * sources → sync → store → panel → analytics → use cases (app) → cli / server / web / library.
 * docs/architecture.md explains each layer; a new feature's files go where these rules let them.
 */
const layer = (name) => `^src/${name}/`;

/** Folders a layer must never import from. */
const forbidden = {
  domain: ['analytics', 'data', 'sim', 'report', 'app', 'server', 'cli', 'web'],
  analytics: ['data', 'sim', 'report', 'app', 'server', 'cli', 'web'],
  data: ['analytics', 'sim', 'report', 'app', 'server', 'cli', 'web'],
  sim: ['report', 'app', 'server', 'cli', 'web'],
  report: ['data', 'sim', 'app', 'server', 'cli', 'web'],
  app: ['report', 'server', 'cli', 'web'],
  server: ['cli', 'web'],
  cli: ['web'],
};

module.exports = {
  forbidden: [
    ...Object.entries(forbidden).map(([from, targets]) => ({
      name: `${from}-layer`,
      comment: `src/${from}/ must not import from ${targets.map((t) => `src/${t}/`).join(', ')} (docs/architecture.md)`,
      severity: 'error',
      from: { path: layer(from) },
      // Result contracts (src/app/contracts/) are the shared language: presenters may read them.
      to: { path: `^src/(${targets.join('|')})/`, pathNot: '^src/app/contracts/' },
    })),
    {
      name: 'sources-read-coverage-only',
      comment: 'providers plan from the read-only StoredCoverage view, never the Store itself',
      severity: 'error',
      from: { path: '^src/data/sources/' },
      to: { path: '^src/data/(store|sync|import|panel)/' },
    },
    {
      name: 'web-types-only',
      comment: 'the front end talks to the server over HTTP: it may import only types from src/server/api-types.ts and src/app/contracts/',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/web/', '^src/server/api-types\\.ts$', '^src/app/contracts/'] },
    },
    {
      name: 'production-never-imports-tests',
      comment: 'test harnesses, fixtures and vitest live under test/ and in *.test.ts files',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^test/', '\\.test\\.ts$', '^node_modules/(vitest|@vitest)/'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
