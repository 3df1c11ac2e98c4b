#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx compiles on the fly), so `npx harvester` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
