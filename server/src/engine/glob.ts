/** Minimal glob matching for ignore patterns: `**`, `*`, `?`, `{a,b}` and character classes. */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        if (glob[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

/**
 * Does a workspace-relative path match a glob? A glob without a slash matches the base name at any
 * depth (as .gitignore does), and a directory glob matches everything below it.
 */
export function matchGlob(relPath: string, glob: string): boolean {
  const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (g.endsWith('/')) g += '**';
  if (!g.includes('/')) g = `**/${g}`;
  let re = cache.get(g);
  if (!re) {
    re = globToRegExp(g);
    cache.set(g, re);
  }
  if (re.test(path)) return true;
  // `vendor` or `vendor/*` should also exclude what is below the directory.
  const parts = path.split('/');
  for (let n = parts.length - 1; n > 0; n--) if (re.test(parts.slice(0, n).join('/'))) return true;
  return false;
}
