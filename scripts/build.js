// npm run build: tsc compiles src/ to dist/ (the benchmarks import dist/api), esbuild bundles the
// bin into lazily loaded chunks. With --if-stale (npm install's `prepare`, `npm run demo`,
// `npm run serve`, `npm test`) it builds only when the sources changed since the last build, so
// the demo opens in about a second after the first time.
//
// "Changed" is a hash of the contents of everything the build reads: src/, the tsconfigs, the
// package manifest and lock file, and this script. Contents, not mtimes: a checkout of another
// branch, a copy with preserved times or a clock that jumps cannot fool it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampPath = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js'];

function filesUnder(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  try {
    return readdirSync(full, { withFileTypes: true })
      .flatMap((entry) => filesUnder(join(path, entry.name)))
      .sort();
  } catch {
    return [path];
  }
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(`${relative(root, join(root, file))}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isFresh(hash) {
  if (!existsSync(join(root, 'dist', 'bin', 'fizz-batch.js'))) return false;
  try {
    return readFileSync(stampPath, 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function compile() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Node's own modules are taken with require(), not import: an ES import of a built-in builds an
 * ES module facade that reads every one of its exports at once (node:crypto's alone is 5 ms, and
 * it starts getters such as webcrypto), which a one-call command pays at each start. Required,
 * a built-in is wrapped by esbuild's CommonJS interop, whose named exports are read when used.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    // From the wrapper itself the built-in stays outside the bundle: a plain require() at run time.
    build.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === 'builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

async function bundle() {
  const { build } = await import('esbuild');
  // Chunk names carry a content hash: without this, every build would leave the last one's behind.
  rmSync(join(root, 'dist/bin'), { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'src/bin/fizz-batch.ts')],
    outdir: join(root, 'dist/bin'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    splitting: true,
    minify: true,
    legalComments: 'none',
    chunkNames: 'chunks/[name]-[hash]',
    // Ink loads it only under DEV=true, which the bin never sets.
    external: ['react-devtools-core'],
    logLevel: 'warning',
    plugins: [builtinsByRequire],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __fizzRequire } from 'node:module'; const require = __fizzRequire(import.meta.url);",
    },
  });
}

const ifStale = process.argv.includes('--if-stale');
const hash = sourceHash();
if (ifStale && isFresh(hash)) process.exit(0);
if (ifStale) process.stderr.write('fizz-batch: building dist/ (once; again only when the sources change)…\n');
const started = performance.now();

// A build that fails half-way must not leave a stamp that calls it fresh.
rmSync(stampPath, { force: true });
compile();
await bundle();
writeFileSync(stampPath, `${hash}\n`);
if (ifStale) {
  // After `npm install` (its prepare step), say what to do next; before a demo, it is starting.
  const next = process.env.npm_lifecycle_event === 'prepare' ? ' Try: npm run demo' : '';
  process.stderr.write(`fizz-batch: built in ${((performance.now() - started) / 1000).toFixed(1)} s.${next}\n`);
}
