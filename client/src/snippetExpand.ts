/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * `${1:default}` -> default, `${1|a,b|}` -> a, `$1`/`${1}` -> the default given elsewhere for 1,
 * `$0` and variables without a default -> empty, `\$` -> `$`.
 */
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<string, string>();
  // First pass: collect the defaults of every tab stop (the first occurrence with one wins).
  for (const m of text.matchAll(/\$\{(\d+):((?:[^{}\\]|\\.)*)\}/g)) if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  for (const m of text.matchAll(/\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g)) if (!defaults.has(m[1])) defaults.set(m[1], m[2].split(',')[0]);
  const unescape = (s: string) => s.replace(/\\([$}\\,|])/g, '$1');
  return text
    .replace(/\$\{(\d+):((?:[^{}\\]|\\.)*)\}/g, (_, n: string) => unescape(defaults.get(n) ?? ''))
    .replace(/\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g, (_, n: string) => unescape(defaults.get(n) ?? ''))
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => unescape(defaults.get((a ?? b)!) ?? ''))
    .replace(/\$\{[A-Z_]+(?::((?:[^{}\\]|\\.)*))?\}|\$[A-Z_]+/g, (_, d: string | undefined) => unescape(d ?? ''))
    .replace(/\\\$/g, '$');
}
