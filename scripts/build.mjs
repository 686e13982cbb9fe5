// Bundles the CLI into lib/ with esbuild: one entry file, plus chunks that only the commands needing
// them load (documents, diagrams), so `plan check` starts fast.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { plan: 'src/cli/main.ts', 'parse-worker': 'src/load/parse-worker.ts' },
  outdir: 'lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  sourcemap: false,
  minify: process.env.PLAN_NO_MINIFY !== '1',
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __planCreateRequire } from 'node:module'; const require = __planCreateRequire(import.meta.url);",
  },
});
