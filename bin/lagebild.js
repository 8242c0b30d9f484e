#!/usr/bin/env -S node --max-semi-space-size=64
// The package bin: runs the compiled CLI (`npm install` builds it through the prepare script).
// A 64 MB young generation (V8's default is 16 MB): detection allocates per event, and a larger
// semi-space lets short-lived objects die young instead of being copied; see docs/performance.md.
// `npm start`, `npm run bench` and the Dockerfile pass the same flag.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
