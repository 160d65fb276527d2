// The modules main.js and every command share in the bundled CLI (scripts/bundle-cli.mjs): one instance each.
export * from '../dist/domain/errors.js';
export * from '../dist/data/panel/panel-cache-prefetch.js';
export * from '../dist/data/store/store-path.js';
