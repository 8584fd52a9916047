/** 1-based line of the first occurrence of `needle` in `text` (after `from` occurrences of `after`, if given). */
export function lineOf(text: string, needle: string, after?: string): number {
  const start = after ? text.indexOf(after) : 0;
  const i = text.indexOf(needle, start < 0 ? 0 : start);
  if (i < 0) throw new Error(`'${needle}' not in manifest`);
  return text.slice(0, i).split('\n').length;
}
