/** A compact fingerprint of a string, for "has this changed?" checks without keeping the string. */
export function fingerprint(s: string): string {
  // Two independent 32-bit FNV-1a style hashes plus the length: collisions are not a practical concern
  // for comparing a value with its own previous version.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return `${s.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
