#!/usr/bin/env node
// The emulator is for development only (the image does not hold it): it always runs the source.
import { runSource } from './run-source.js';

await runSource(new URL('../src/emulator/main.ts', import.meta.url), 'shipshape emulator');
