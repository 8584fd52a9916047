/** `dist/server.js`: starts the language server (dist/server-core.js) through the code cache. */
import * as path from 'node:path';
import { boot } from './codeCache';

boot(path.join(__dirname, 'server-core.js'), module);
