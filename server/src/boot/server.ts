/** `dist/server.js`: starts the language server (dist/server-core.js) through the code cache. */
import * as path from 'node:path';
import { boot } from './codeCache';
import { lowerBackgroundThreads } from './threadPriority';

// Before the bundle loads: V8's helper threads exist from the process's start.
lowerBackgroundThreads();
boot(path.join(__dirname, 'server-core.js'), module);
