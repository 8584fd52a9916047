/** Shared vocabulary of the engine: severities, categories, paths, findings and fixes. */

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export type Category = 'schema' | 'privileges' | 'storage' | 'probes' | 'mesh' | 'resources';
export const CATEGORIES: readonly Category[] = ['schema', 'privileges', 'storage', 'probes', 'mesh', 'resources'];

/** A path into a YAML document: map keys and sequence indexes, from the document root. */
export type Path = readonly (string | number)[];

/** Which part of the node at a path a finding points at. */
export type Target = 'key' | 'value' | 'pair';

/** A zero-based half-open offset range into the file's text. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/**
 * A fix is data: a list of structural edits on the document that the fix engine (server/src/fixes)
 * turns into minimal text edits. Keeping it as data lets the language server attach it to the
 * diagnostic and the CLI apply it without re-running the rule.
 */
export type FixOp =
  /** Set the scalar or structure at `path`, creating missing mappings on the way. */
  | { op: 'set'; path: Path; value: unknown }
  /** Delete the key (mapping) or item (sequence) at `path`; `pruneEmpty` also deletes parents left empty. */
  | { op: 'remove'; path: Path; pruneEmpty?: boolean }
  /** Rename the key at `path` to `to`, keeping its value. */
  | { op: 'rename'; path: Path; to: string }
  /** Append `value` to the sequence at `path`, creating the sequence (and parents) if missing. */
  | { op: 'append'; path: Path; value: unknown }
  /** Move the key at `from` to `to` (a full path including the new key), pruning parents left empty. */
  | { op: 'move'; from: Path; to: Path };

export interface Fix {
  /** What the fix does, for the code action title: "Set allowPrivilegeEscalation: false on container 'web'". */
  title: string;
  ops: FixOp[];
  /** The one obvious fix (VS Code marks it preferred and `source.fixAll` applies it). */
  preferred?: boolean;
  /** Safe to apply without review (fix-all and `scan --fix` apply only safe fixes). Defaults to true. */
  safe?: boolean;
}

/** The object a finding is about, as printed by the CLI. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  /** Absolute offsets into the file text. */
  range: OffsetRange;
  object?: ObjectRef;
  /** Index of the YAML document in the file (0-based). */
  docIndex: number;
  fix?: Fix;
  suppressed?: { kind: 'comment' | 'annotation' | 'config'; reason: string };
}
