/**
 * The index's objects grouped by a key (their kind, their namespace, both), each group in load order:
 * by file, in the order the files were loaded, then by position in the file. A keystroke changes one
 * file's objects, so the groups are updated file by file: only the groups that file's changed
 * objects belong to are touched, by replacing that file's run of objects in them. Regrouping every
 * object on each change cost a 10,000-application workspace ~18 ms per keystroke.
 */

import { pushTo } from './collections';
import type { K8sObject } from './object';

interface Group {
  /** The group's objects in load order. A list once given out never changes: an update makes a new one. */
  list: K8sObject[];
  /** The file each object of `list` came from (a file's objects are next to each other). */
  owners: string[];
}

export class OrderedGroups {
  private readonly groups = new Map<string, Group>();
  /** The keys of the objects of files updated since the groups were built: an update reads all of a file's. */
  private readonly keyCache = new WeakMap<K8sObject, string>();

  private constructor(
    private readonly makeKey: (o: K8sObject) => string,
    /** A file's place in load order (ascending as files are loaded). */
    private readonly rankOf: (uri: string) => number,
  ) {}

  /** Groups every file's objects, the files given in load order. */
  static build(keyOf: (o: K8sObject) => string, files: Iterable<[string, readonly K8sObject[]]>, rankOf: (uri: string) => number): OrderedGroups {
    const g = new OrderedGroups(keyOf, rankOf);
    for (const [uri, objects] of files) {
      for (const o of objects) {
        const key = keyOf(o);
        let group = g.groups.get(key);
        if (!group) g.groups.set(key, (group = { list: [], owners: [] }));
        group.list.push(o);
        group.owners.push(uri);
      }
    }
    return g;
  }

  /** The objects of a group, in load order; undefined when there are none. */
  get(key: string): K8sObject[] | undefined {
    return this.groups.get(key)?.list;
  }

  /**
   * A file's objects changed to `after` (call while the file still has its rank); `changed` are the
   * objects it lost or gained. Only the groups of those are touched: the objects
   * in both are the same instances in the same order (a moved document is a new instance).
   */
  update(uri: string, after: readonly K8sObject[], changed: readonly K8sObject[]): void {
    const touched = new Set<string>();
    for (const o of changed) touched.add(this.keyOf(o));
    if (!touched.size) return;
    // The file's objects now in each of those groups, in one pass: its old ones are its run in the group.
    const current = new Map<string, K8sObject[]>();
    for (const o of after) {
      const key = this.keyOf(o);
      if (touched.has(key)) pushTo(current, key, o);
    }
    for (const key of touched) {
      const now = current.get(key) ?? [];
      const group = this.groups.get(key) ?? { list: [], owners: [] };
      const start = this.placeOf(group.owners, uri);
      let end = start;
      while (end < group.owners.length && group.owners[end] === uri) end++;
      if (group.list.length - (end - start) + now.length === 0) {
        this.groups.delete(key);
        continue;
      }
      this.groups.set(key, {
        list: group.list.slice(0, start).concat(now, group.list.slice(end)),
        owners: group.owners.slice(0, start).concat(now.map(() => uri), group.owners.slice(end)),
      });
    }
  }

  private keyOf(o: K8sObject): string {
    let key = this.keyCache.get(o);
    if (key === undefined) this.keyCache.set(o, (key = this.makeKey(o)));
    return key;
  }

  /** Where the objects of `uri` are, or would go, among the owners of a group (in load order). */
  private placeOf(owners: readonly string[], uri: string): number {
    const rank = this.rankOf(uri);
    let lo = 0;
    let hi = owners.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rankOf(owners[mid]) < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
