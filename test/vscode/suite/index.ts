/** Entry point the extension host loads: runs every *.test.js next to it with mocha. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname)) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`extension tests: ${failures ? `${failures} failed` : 'all passed'}`);
      if (failures) reject(new Error(`${failures} extension tests failed`));
      else resolve();
    });
  });
}
