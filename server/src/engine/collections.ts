/** Small helpers for the maps the engine and the rules build. */

/** Appends `value` to the list `map` holds for `key`, starting the list if there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Same length, and `same` holds for each pair of items in order. */
export function sameList<V>(a: readonly V[], b: readonly V[], same: (x: V, y: V) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

/** The same keys (in any order), and `same` holds for each key's two values. */
export function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>, same: (x: V, y: V) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [k, x] of a) {
    if (!b.has(k) || !same(x, b.get(k) as V)) return false;
  }
  return true;
}

/** The same keys with the same values (in any order), as label maps are compared. */
export function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
  return true;
}
