/** `dist/worker.js`: a CLI scan worker thread (dist/worker-core.js), started through the code cache. */
import * as path from 'node:path';
import { boot } from './codeCache';

boot(path.join(__dirname, 'worker-core.js'), module);
