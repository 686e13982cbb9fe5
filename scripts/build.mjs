// Bundles the CLI into lib/ with esbuild, then makes V8's code cache of each bundle, so that bin/plan
// neither parses nor compiles the bundle when it runs. Node 20 caches the code of scripts, not of ES
// modules, so the CLI is CommonJS:
//   plan.cjs         every command, in one file
//   check.cjs        `plan check`, help and the version alone, an eighth of the size: the command run most
//   build.cjs        `plan build` alone, two fifths of the size
//   parse-worker.js  the worker thread that parses big plans (an ES module: it awaits at its top level)
//   *.code-cache     each bundle's code cache, made by running it on the embedded plan (see bin/plan)
// The built-in templates go in compiled ahead of time (scripts/precompile-templates.mjs).
// It builds into a temporary folder and swaps it in whole, so a CLI run during a rebuild never finds lib/ half-written.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeRegExpLiterals } from './ascii-regexps.mjs';
import { precompiledTemplatesModule } from './precompile-templates.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = join(root, 'templates');
/** Fills src/render/precompiled-templates.ts, empty in the sources, with the templates compiled ahead of time. */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled-templates\.ts$/ }, () => ({ contents: precompiledTemplatesModule(templates), loader: 'js' }));
  },
};
/**
 * Leaves every command but one out of its bundle (check.cjs, build.cjs). bin/plan never runs the others
 * from it; if it ever did, the command would stop with an internal error rather than do something else.
 */
const commandAlone = (command) => ({
  name: `${command}-alone`,
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) && args.path !== `./${command}.js`
        ? { path: args.path, namespace: `left-out-of-${command}` }
        : undefined);
    plugin.onLoad({ filter: /.*/, namespace: `left-out-of-${command}` }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`lib/${command}.cjs has no ${args.path}: bin/plan runs that command from lib/plan.cjs`)});`,
      loader: 'js',
    }));
  },
});
/**
 * Loads child_process only when first used: commander requires it as it loads (for subcommands that are
 * programs of their own, which plan has none of), and most runs never start a process; loading it cost
 * 2.5 ms of every run. Commander reaches it only through its properties (`childProcess.spawn`), which
 * the proxy passes to the real module; a module that lists its keys (an ES module's import of it) loads
 * it then. (src/load/worker-pool.ts loads node:worker_threads only when it starts a worker.)
 */
const LAZY_BUILTINS = ['child_process'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(plugin) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    plugin.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real; const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true }; },
});`,
      loader: 'js',
    }));
  },
};
/**
 * Loads playwright-core (for plan build --pdf) from node_modules with require: it finds its own files at
 * run time, so it stays out of the bundle, and Node 20 cannot import() from a script run from its code
 * cache (tests/build/bundles.test.ts checks that no import() is left).
 */
const playwrightByRequire = {
  name: 'playwright-by-require',
  setup(plugin) {
    plugin.onResolve({ filter: /^playwright-core$/ }, (args) =>
      args.namespace === 'playwright-by-require' ? { path: args.path, external: true } : { path: args.path, namespace: 'playwright-by-require' });
    plugin.onLoad({ filter: /.*/, namespace: 'playwright-by-require' }, () => ({ contents: "module.exports = require('playwright-core');", loader: 'js' }));
  },
};

/**
 * What every bundle of the CLI starts with: strict mode (the sources are ES modules), the name of its build
 * (a hash of the code of lib/, filled in below: bin/plan matches it against the code cache's, and the parse
 * cache keys its entries by it), and the URL that `import.meta.url` stands for in CommonJS.
 */
const BUILD_PLACEHOLDER = '0'.repeat(32);
const CLI_BANNER = `"use strict";var PLAN_BUILD="${BUILD_PLACEHOLDER}",__planUrl=require("node:url").pathToFileURL(__filename).href;`;

const lib = join(root, 'lib');
const next = `${lib}.next-${process.pid}`;
const old = `${lib}.old-${process.pid}`;
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  write: false,
  sourcemap: false,
  minify: process.env.PLAN_NO_MINIFY !== '1',
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
};
const cli = {
  ...common,
  entryPoints: ['src/cli/main.ts'],
  format: 'cjs',
  define: { 'import.meta.url': '__planUrl' },
  banner: { js: CLI_BANNER },
};
const [whole, check, buildAlone, worker] = await Promise.all([
  build({ ...cli, outfile: join(next, 'plan.cjs'), plugins: [precompiledTemplates, playwrightByRequire, lazyBuiltins] }),
  build({ ...cli, outfile: join(next, 'check.cjs'), plugins: [precompiledTemplates, playwrightByRequire, lazyBuiltins, commandAlone('check')] }),
  build({ ...cli, outfile: join(next, 'build.cjs'), plugins: [precompiledTemplates, playwrightByRequire, lazyBuiltins, commandAlone('build')] }),
  build({
    ...common,
    entryPoints: ['src/load/parse-worker.ts'],
    outfile: join(next, 'parse-worker.js'),
    format: 'esm',
    banner: { js: "import { createRequire as __planCreateRequire } from 'node:module'; const require = __planCreateRequire(import.meta.url);" },
  }),
]);
const bundles = [
  { name: 'plan.cjs', text: escapeRegExpLiterals(whole.outputFiles[0].text) },
  { name: 'check.cjs', text: escapeRegExpLiterals(check.outputFiles[0].text) },
  { name: 'build.cjs', text: escapeRegExpLiterals(buildAlone.outputFiles[0].text) },
  { name: 'parse-worker.js', text: worker.outputFiles[0].text },
];
const hash = createHash('sha256');
for (const bundle of bundles) hash.update(bundle.name).update('\0').update(bundle.text).update('\0');
const buildId = hash.digest('hex').slice(0, BUILD_PLACEHOLDER.length);
rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });
for (const { name, text } of bundles) {
  writeFileSync(join(next, name), text.startsWith(CLI_BANNER) ? text.replace(BUILD_PLACEHOLDER, buildId) : text);
}
try {
  renameSync(lib, old);
} catch {
  // no earlier build
}
renameSync(next, lib);
rmSync(old, { recursive: true, force: true });
makeCodeCaches();

/**
 * Runs each bundle once on the embedded plan: bin/plan writes a bundle's code cache at the end of a run
 * that found none, holding every function the run compiled. plan.cjs's run (an export) compiles the load
 * and check code the other commands share. The parse cache stays off, so nothing is written outside lib/
 * but a temporary output folder.
 */
function makeCodeCaches() {
  const embeddedPlan = join(root, 'plans', 'staffordshire-stoke-2023-24');
  const out = mkdtempSync(join(tmpdir(), 'plan-code-cache-'));
  const env = { ...process.env, PLAN_CACHE: '0' };
  for (const name of ['PLAN_DEBUG', 'PLAN_FAULT', 'PLAN_WORKERS']) delete env[name];
  try {
    // plan.cjs's cache is made by exporting the plan: the load and check every other command shares.
    for (const args of [['check', embeddedPlan], ['build', embeddedPlan, '--out', join(out, 'site')], ['export', embeddedPlan, '--output-file', join(out, 'plan.json')]]) {
      spawnSync(process.execPath, [join(root, 'bin', 'plan'), ...args], { cwd: root, env, stdio: 'ignore' });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  for (const name of ['check', 'build', 'plan']) {
    if (!existsSync(join(lib, `${name}.code-cache`))) {
      process.stderr.write(`build: no code cache was made for lib/${name}.cjs; plan works without it, only slower to start.\n`);
    }
  }
}
