#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `npx iprisk` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../adapters/cli/main.ts');
const code = await main(process.argv.slice(2));
// A stopped service exits now: a chat SDK still retrying a call must not keep the process alive
// past the shutdown deadline. Other commands end when their work is done.
if (process.argv[2] === 'serve') process.exit(code);
process.exitCode = code;
