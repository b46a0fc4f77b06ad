#!/usr/bin/env node
/**
 * The create-db-layer binary: the only place that exits.
 */
import { main } from './main.js';

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
}).then((code) => process.exit(code));
