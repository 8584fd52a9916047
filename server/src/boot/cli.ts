#!/usr/bin/env node
/** `dist/cli.js`, the `daytwo` command: starts the CLI (dist/cli-core.js) through the code cache. */
import * as path from 'node:path';
import { boot } from './codeCache';

boot(path.join(__dirname, 'cli-core.js'), module);
