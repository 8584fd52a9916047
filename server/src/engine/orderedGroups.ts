/**
 * The index's objects grouped by a key (their kind, their namespace, both), each group in load order:
 * by file, in the order the files were loaded, then by position in the file. A keystroke changes one
 * file's objects, so the groups are updated file by file: only the groups that file's changed
 * objects belong to are touched, by replacing that file's run of objects in them. Regrouping every
 * object on each change cost a 10,000-application workspace ~18 ms per keystroke.
 */

import type { K8sObject } from './object';

interface Group {
  /** The group's objects in load order. A list once given out never changes: an update makes a new one. */
  list: K8sObject[];
  /** The file each object of `list` came from (a file's objects are next to each other). */
  owners: string[];
}

export class OrderedGroups {
  private readonly groups = new Map<string, Group>();

  private constructor(
    private readonly keyOf: (o: K8sObject) => string,
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

  /** The keys of the groups that have objects. */
  keys(): string[] {
    return [...this.groups.keys()];
  }

  /** The objects of a group, in load order; undefined when there are none. */
  get(key: string): K8sObject[] | undefined {
    return this.groups.get(key)?.list;
  }

  /**
   * A file's objects changed from `before` to `after` (call while the file still has its rank).
   * Groups whose share of the file is the same objects in the same order keep their list.
   */
  update(uri: string, before: readonly K8sObject[], after: readonly K8sObject[]): void {
    const keys = new Set<string>();
    for (const o of before) keys.add(this.keyOf(o));
    for (const o of after) keys.add(this.keyOf(o));
    for (const key of keys) {
      const was = before.filter((o) => this.keyOf(o) === key);
      const now = after.filter((o) => this.keyOf(o) === key);
      if (was.length === now.length && was.every((o, i) => o === now[i])) continue;
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
