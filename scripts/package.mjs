// npm run package: a production build of dist/ (no source maps), then a .vsix with @vscode/vsce.
// The vsix holds only what package.json "files" lists (dist/, schemas/, snippets/, README, LICENSE,
// icons); this script checks that by listing the archive, and prints its path.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.resolve(process.argv[2] ?? path.join(root, `${pkg.name}-${pkg.version}.vsix`));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run(process.execPath, ['scripts/build.mjs', '--production']);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
  // README links are relative to the repository; the Marketplace page needs absolute ones.
  '--baseContentUrl', 'https://github.com/daytwo-dev/daytwo/blob/main', '--baseImagesUrl', 'https://github.com/daytwo-dev/daytwo/raw/main', '-o', out]);

// What is inside: only the allowed folders and files.
const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
const allowed = [/^extension\/dist\/[\w./-]+\.(js|json)$/, /^extension\/schemas\//, /^extension\/snippets\//, /^extension\/images\/(icon\.png|activity\.svg)$/,
  /^extension\/(package\.json|readme\.md|README\.md|LICENSE|LICENSE\.txt|changelog\.md)$/i, /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/];
const unexpected = listing.filter((f) => !allowed.some((re) => re.test(f)));
if (unexpected.length) {
  console.error(`unexpected files in ${out}:\n  ${unexpected.join('\n  ')}`);
  process.exit(1);
}
for (const need of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/snippets/kubernetes.json', 'extension/images/icon.png']) {
  if (!listing.includes(need)) {
    console.error(`${need} missing from ${out}`);
    process.exit(1);
  }
}
console.log(`${out}: ${listing.length} files, ${(fs.statSync(out).size / 1024).toFixed(0)} KiB`);
