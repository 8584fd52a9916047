/** Resource limits that keep one hostile file from costing the user the rest of the workspace. */

export interface Limits {
  /** Files larger than this many bytes are not analysed (one diagnostic says so). */
  maxFileSize: number;
  /** Files with more YAML documents than this are analysed only up to it. */
  maxDocuments: number;
  /** Alias expansions allowed per document ("billion laughs" defence). */
  maxAliasCount: number;
  /** Nesting depth of flow or block collections allowed per document. */
  maxDepth: number;
  /**
   * YAML nodes (estimated from lines and flow items) parsed per file. Not a user setting: a safety
   * bound so one file of a million list items cannot take minutes and gigabytes (parsing costs about
   * 2 KB and tens of microseconds per node). Real manifests, even CRD bundles, stay far below it.
   */
  maxNodes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileSize: 10 * 1024 * 1024,
  maxDocuments: 10_000,
  maxAliasCount: 1_000,
  maxDepth: 200,
  maxNodes: 200_000,
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
