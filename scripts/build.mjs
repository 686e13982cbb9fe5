// Bundles the CLI into lib/ with esbuild: one entry file, plus chunks that only the commands needing
// them load (documents, diagrams), so `plan check` starts fast.
// The built-in templates go in compiled ahead of time (scripts/precompile-templates.mjs).
// It builds into a temporary folder and swaps it in whole, so a CLI run during a rebuild never finds lib/ half-written.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { precompiledTemplatesModule } from './precompile-templates.mjs';

const templates = fileURLToPath(new URL('../templates', import.meta.url));
/** Fills src/render/precompiled-templates.ts, empty in the sources, with the templates compiled ahead of time. */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled-templates\.ts$/ }, () => ({ contents: precompiledTemplatesModule(templates), loader: 'js' }));
  },
};
const lib = fileURLToPath(new URL('../lib', import.meta.url));
const next = `${lib}.next-${process.pid}`;
const old = `${lib}.old-${process.pid}`;
rmSync(next, { recursive: true, force: true });
await build({
  entryPoints: { plan: 'src/cli/main.ts', 'parse-worker': 'src/load/parse-worker.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // Loaded only by plan build --pdf, from node_modules: it finds its own files at run time.
  external: ['playwright-core'],
  sourcemap: false,
  minify: process.env.PLAN_NO_MINIFY !== '1',
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precompiledTemplates],
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __planCreateRequire } from 'node:module'; const require = __planCreateRequire(import.meta.url);",
  },
});
try {
  renameSync(lib, old);
} catch {
  // no earlier build
}
renameSync(next, lib);
rmSync(old, { recursive: true, force: true });
