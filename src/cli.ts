#!/usr/bin/env node
// The CLI's entry (package.json `bin`): runs main() and exits with its code.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2));
