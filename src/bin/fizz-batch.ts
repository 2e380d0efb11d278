#!/usr/bin/env node
// The entry point stays tiny and loads nothing heavy: `--help`, `--version` and the scriptable
// commands must start fast, and React must never load in its development build.
process.env.NODE_ENV = 'production';

const [major] = process.versions.node.split('.').map(Number);
if (major === undefined || major < 22) {
  const { relaunchOnProjectNode } = await import('./relaunch.js');
  await relaunchOnProjectNode(import.meta.url);
}

// V8's code cache for our modules: later starts skip compiling what an earlier one compiled.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();

const { main } = await import('../cli/main.js');
process.exitCode = await main(process.argv.slice(2));
