/**
 * The analysis engine shared by the language server and the CLI. It holds the workspace's files,
 * split into YAML documents; each document's parse and its local findings are cached by the
 * document's text, so an edit re-parses and re-checks only the documents it touched. Cross-resource
 * rules read the workspace index and are re-run on demand (they are lookups, cheap by design).
 */

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultConfig, type ResolvedConfig } from './config';
import { isHelmTemplate, isKustomizationFile, isToolConfig, looksBinary, mentionsKubernetes } from './detect';
import { matchGlob } from './glob';
import { formatBytes } from './limits';
import { pushTo } from './collections';
import { rangeAt } from './locate';
import { K8sObject, asArray, asDict, isDict } from './object';
import { looksLikeKubernetes, parseChunk, scanChunk, type ParsedDoc, type ParseProblem } from './parse';
import { annotationSuppression, commentSuppressions, IGNORE_COMMENT, matchesExemption, suppresses, type CommentSuppression } from './suppress';
import { LineIndex, splitDocuments, splitEdited, type Chunk, type TextEdit } from './text';
import type { Finding, OffsetRange, Path, Severity, Target } from './types';
import { WorkspaceIndex, type Reads } from './workspaceIndex';
import { isObjectRule, type DocumentRule, type ObjectRule, type Report, type Rule } from '../rules/types';

/** A finding before it is placed in the file: offsets relative to its document's chunk. */
interface LocalFinding extends Omit<Finding, 'range' | 'docIndex'> {
  range: OffsetRange;
}

interface DocState {
  chunk: Chunk;
  /** Which of the chunk's parsed documents this is (almost always 0). */
  sub: number;
  parsed: ParsedDoc;
  object?: K8sObject;
  /** Local (non cross-resource) findings, valid while `key` matches. */
  cache?: FindingCache;
  /** Cross-resource findings, valid while the config and what they read (`reads`) are unchanged. */
  crossCache?: FindingCache & { reads: Reads };
  /**
   * Where cross-resource findings were placed, by target and path. They re-run whenever a kind they
   * read changes, mostly reporting at the same paths; with these a closed (compacted) document is not
   * re-parsed just to place them again.
   */
  placements?: Map<string, OffsetRange>;
  /**
   * The document's findings placed in the file, duplicates dropped and suppressions marked, for the
   * local and cross-resource findings, start and index they were made from: an edit re-places the
   * findings of the documents it touched, not the whole file's. Only while the file is open.
   */
  placed?: { local: readonly LocalFinding[]; cross: readonly LocalFinding[]; start: number; docIndex: number; configVersion: number; commentAbove: boolean; findings: Finding[] };
}

const NO_FINDINGS: readonly LocalFinding[] = [];

/**
 * Cached findings. A closed file's are kept packed as JSON (see `compact`), unpacked only when a
 * dependant's change re-checks the file: with 10,000 applications the local findings take 43 MB as
 * strings against 62 MB as objects.
 */
interface FindingCache {
  key: string;
  findings?: LocalFinding[];
  packed?: string;
}

/** The cached findings of a document about `object`, unpacked if need be. */
function findingsOf(c: FindingCache, object: K8sObject | undefined): LocalFinding[] {
  if (c.findings) return c.findings;
  const findings = JSON.parse(c.packed!) as LocalFinding[];
  // Packed with a marker for their object's shared reference (see pack).
  if (object) for (const f of findings) if (f.object === (1 as unknown)) f.object = object.ref();
  return (c.findings = findings);
}

/** Whether two lists of one document's findings say the same things at the same places. */
function sameFindings(a: LocalFinding[], b: LocalFinding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.rule !== y.rule || x.severity !== y.severity || x.message !== y.message || x.range.start !== y.range.start || x.range.end !== y.range.end) return false;
    if ((x.fix || y.fix) && JSON.stringify(x.fix) !== JSON.stringify(y.fix)) return false;
  }
  return true;
}

/**
 * For each chunk of the new text, the documents of the previous text it can take over (same text),
 * each old chunk's documents once. An edit usually changes one document, so the others are at the
 * same position counted from the start or from the end: compared there first, for every chunk. Only
 * the chunks left over are then looked up by text among the old chunks left over (documents that
 * moved further): usually the one edited chunk against its old self, not the whole file's text
 * hashed on every keystroke.
 */
function reusableDocs(prev: readonly DocState[], chunks: readonly Chunk[]): (DocState[] | undefined)[] {
  // The documents of one chunk (a chunk holds several only when the full parser split it).
  const groups: DocState[][] = [];
  for (const d of prev) {
    const last = groups[groups.length - 1];
    if (last && last[0].chunk === d.chunk) last.push(d);
    else groups.push([d]);
  }
  const taken = new Uint8Array(groups.length);
  const out: (DocState[] | undefined)[] = new Array(chunks.length).fill(undefined);
  const takeIfSame = (g: number, text: string): DocState[] | undefined => {
    if (g < 0 || g >= groups.length || taken[g] || groups[g][0].chunk.text !== text) return undefined;
    taken[g] = 1;
    return groups[g];
  };
  const shift = groups.length - chunks.length;
  let missed = 0;
  for (let j = 0; j < chunks.length; j++) {
    out[j] = takeIfSame(j, chunks[j].text) ?? takeIfSame(j + shift, chunks[j].text);
    if (!out[j]) missed++;
  }
  if (missed && missed + groups.length > chunks.length) {
    const byText = new Map<string, number[]>();
    groups.forEach((group, g) => {
      if (!taken[g]) pushTo(byText, group[0].chunk.text, g);
    });
    for (let j = 0; j < chunks.length; j++) {
      if (out[j]) continue;
      const g = byText.get(chunks[j].text)?.find((i) => !taken[i]);
      if (g !== undefined) out[j] = takeIfSame(g, chunks[j].text);
    }
  }
  return out;
}

/**
 * A cached finding placed in its file. Fields are copied one by one: a spread was the slowest step of
 * re-publishing a large file.
 */
function placeFinding(lf: LocalFinding, offset: number, docIndex: number): Finding {
  const f: Finding = { rule: lf.rule, category: lf.category, severity: lf.severity, message: lf.message, range: { start: lf.range.start + offset, end: lf.range.end + offset }, docIndex };
  if (lf.object) f.object = lf.object;
  if (lf.fix) f.fix = lf.fix;
  if (lf.suppressed) f.suppressed = lf.suppressed;
  return f;
}

// Rule ids are ASCII: compared by code unit. (localeCompare's first call loads ICU's collation data,
// ~10 ms of the server's first diagnostics.)
const byPosition = (a: Finding, b: Finding) => a.range.start - b.range.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

/**
 * Packs findings about `object`. Its shared reference is written as a marker, matched by identity: a
 * fix may set a field that is itself called `object` (an HPA's Object metric), which must stay.
 */
function pack(c: FindingCache | undefined, object: K8sObject | undefined): void {
  if (!c?.findings) return;
  const ref = object?.ref();
  c.packed ??= c.findings.length ? JSON.stringify(c.findings, (key, value: unknown) => (key === 'object' && ref && value === ref ? 1 : value)) : '[]';
  c.findings = undefined;
}

export interface FileState {
  uri: string;
  text: string;
  version: number;
  docs: DocState[];
  /** Why the file is not analysed; `silent` when nothing at all should be reported (Helm, non-Kubernetes). */
  skip?: { silent: boolean; message?: string };
  isPatch: boolean;
  lines?: LineIndex;
  /**
   * The text's documents as split (an open file's; a closed one's are dropped): an edit is split from
   * these and the change, without reading the new text as a whole.
   */
  chunks?: Chunk[];
  /**
   * The last analysis of this text and the documents' placed findings it was made of: analysing again
   * with nothing changed gives the same result object, which tells the server it has nothing new to
   * publish. Only while the file is open.
   */
  analysis?: { parts: Finding[][]; result: FileResult };
}

export interface FileResult {
  uri: string;
  findings: Finding[];
  lines: LineIndex;
}

export interface WorkspaceOptions {
  rules: readonly Rule[];
  config?: ResolvedConfig;
  /** Root for relative ignore globs (the workspace folder, or the CLI's working directory). */
  root?: string;
  /** Where internal errors go (the output channel, stderr). */
  log?: (message: string) => void;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return uri.includes('://') ? undefined : uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class Workspace {
  readonly index = new WorkspaceIndex();
  private readonly files = new Map<string, FileState>();
  /** Files named as patches by some kustomization, by absolute path. */
  private readonly patchesByKustomization = new Map<string, Set<string>>();
  private rules: readonly Rule[];
  /** The enabled rules by what they check (see refreshRules): sorted once, not on every document. */
  private documentRules: DocumentRule[] = [];
  private localRules: ObjectRule[] = [];
  private crossRules: ObjectRule[] = [];
  private config: ResolvedConfig;
  private configVersion = 0;
  /** The cache keys of `configVersion` and the index's CRD generation (see cacheKeys). */
  private keys = { configVersion: -1, crdGeneration: -1, patch: { local: '', cross: '' }, plain: { local: '', cross: '' } };
  readonly root?: string;
  private readonly log: (message: string) => void;

  constructor(opts: WorkspaceOptions) {
    this.rules = opts.rules;
    this.config = opts.config ?? defaultConfig();
    this.root = opts.root;
    this.log = opts.log ?? (() => {});
    this.refreshRules();
  }

  get configuration(): ResolvedConfig {
    return this.config;
  }

  setConfig(config: ResolvedConfig): void {
    // Settings re-read with nothing changed (an editor's first answer to the configuration request
    // is usually the defaults) keep every cached finding: a new version would re-check every file.
    if (JSON.stringify(config) === JSON.stringify(this.config)) return;
    this.config = config;
    this.configVersion++;
    this.refreshRules();
  }

  private refreshRules() {
    const enabled = this.rules.filter((r) => this.isEnabled(r));
    this.documentRules = enabled.filter((r): r is DocumentRule => !isObjectRule(r));
    this.localRules = enabled.filter(isObjectRule).filter((r) => !r.crossResource);
    this.crossRules = enabled.filter(isObjectRule).filter((r) => !!r.crossResource);
  }

  isEnabled(rule: Rule): boolean {
    const s = this.config.severities[rule.id];
    if (s === 'off') return false;
    return s !== undefined || !rule.defaultOff;
  }

  /** Severity a finding is shown with: the configured override, else what the rule reported. */
  severityOf(rule: Rule, reported: Severity): Severity {
    const s = this.config.severities[rule.id];
    return s && s !== 'off' ? s : reported;
  }

  ruleById(id: string): Rule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  /** Is the file excluded by the configuration's ignore globs? */
  isIgnored(uri: string): boolean {
    if (!this.config.ignore.length) return false;
    const p = uriToPath(uri);
    if (!p) return false;
    const rel = this.root ? path.relative(this.root, p) : p;
    if (rel.startsWith('..')) return false;
    return this.config.ignore.some((g) => matchGlob(rel.split(path.sep).join('/'), g));
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }
  get(uri: string): FileState | undefined {
    return this.files.get(uri);
  }
  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Sets a file's text. Re-parses only documents whose text changed. Returns true when the
   * workspace index changed in a way other files' cross-resource findings may observe. `lines`, the
   * text's line index when the caller keeps one (an open document's), spares building another.
   * `edit`, the change that made `text` from the file's previous text when the caller knows it (an
   * editor's keystroke), spares reading the new text as a whole: an editor's new text is a rope of the
   * old one and the change, and the first search of it copies it all into a new string (~1 ms and
   * 600 KB of fresh memory for a 10,000-line file).
   */
  update(uri: string, text: string, version = 0, lines?: LineIndex, edit?: TextEdit): boolean {
    const prev = this.files.get(uri);
    // An edit of a file analysed whole: what the checks below look for can only come from the change.
    const edited = edit && prev?.chunks && !prev.skip && edit.before === prev.text ? edit : undefined;
    if (prev && (edited ? changesNothing(edited) : prev.text === text)) {
      prev.version = version;
      // The same text, as an editor opening a file read from disk gives it: the editor's string, its
      // line index and the documents' split are what its first edit starts from (compared by identity,
      // split from), so they are taken over or made now, not on that keystroke.
      prev.text = text;
      if (lines?.text === text) prev.lines = lines;
      if (!prev.chunks && !prev.skip) prev.chunks = splitDocuments(text);
      return false;
    }
    const filePath = uriToPath(uri);
    const limits = this.config.limits;
    const state: FileState = { uri, text, version, docs: [], isPatch: false };
    if (lines?.text === text) state.lines = lines;
    this.files.set(uri, state);

    if (filePath && isKustomizationFile(filePath)) {
      state.skip = { silent: true };
      this.updateKustomization(filePath, text);
      return this.index.setFile(uri, []);
    }
    if (text.length > limits.maxFileSize) return this.updateOversize(uri, Buffer.byteLength(text), version);
    if (edited ? looksBinary(edited.inserted) : looksBinary(text)) {
      state.skip = mentionsKubernetes([text])
        ? { silent: false, message: 'This file contains NUL bytes: it looks binary (or UTF-16), not UTF-8 YAML, so Daytwo does not analyse it. If it is a manifest, save it as UTF-8.' }
        : { silent: true };
      return this.index.setFile(uri, []);
    }
    if (isHelmTemplate(filePath, edited ? aroundEdit(edited) : text)) {
      state.skip = { silent: true };
      return this.index.setFile(uri, []);
    }

    state.isPatch = filePath ? this.isPatchPath(filePath) : false;
    const chunks = (state.chunks = edited ? splitEdited(prev!.chunks!, edited) : splitDocuments(text));
    const reusable = reusableDocs(prev?.docs ?? [], chunks);
    // Parsing costs time and memory per node: past the budget the rest of the file is not parsed.
    let nodes = 0;
    let overBudget = false;
    for (let j = 0; j < chunks.length; j++) {
      const chunk = chunks[j];
      const cached = reusable[j];
      if (cached) {
        nodes += cached.reduce((n, d) => n + (d.parsed.nodes ?? 0), 0);
        if (nodes > limits.maxNodes) {
          overBudget = true;
          break;
        }
        for (const d of cached) state.docs.push({ ...d, chunk });
        if (state.docs.length > limits.maxDocuments) break;
        continue;
      }
      const scan = scanChunk(chunk.text, limits);
      nodes += scan.nodes;
      if (nodes > limits.maxNodes) {
        overBudget = true;
        break;
      }
      parseChunk(chunk.text, limits, 'outline', scan).forEach((parsed, sub) => state.docs.push({ chunk, sub, parsed }));
      if (state.docs.length > limits.maxDocuments) break;
    }
    state.docs.forEach((d, i) => {
      if (d.object) {
        // A document taken over at another position: same text, same verdict. It is judged from its
        // object, not its AST, which a closed file's documents no longer have.
        if (d.object.docIndex !== i) d.object = new K8sObject(d.object.value, uri, i, d.parsed.doc);
      } else if (looksLikeKubernetes(d.parsed.doc) && isDict(d.parsed.value)) {
        d.object = new K8sObject(d.parsed.value, uri, i, d.parsed.doc);
      }
    });
    if (state.docs.length > limits.maxDocuments) {
      state.docs.length = limits.maxDocuments;
      state.skip = { silent: false, message: `This file has more than ${limits.maxDocuments} YAML documents (daytwo.maxDocuments): Daytwo analyses the first ${limits.maxDocuments} only. Split the file, or raise maxDocuments in the settings or .daytwo.yaml.` };
    } else if (overBudget) {
      state.skip = {
        silent: false,
        message: state.docs.length
          ? `This file has more than ${limits.maxNodes.toLocaleString('en-US')} YAML nodes (lines and list items): Daytwo analyses its first ${state.docs.length} documents only. Split the file to have all of it checked.`
          : `This file has more than ${limits.maxNodes.toLocaleString('en-US')} YAML nodes (lines and list items) in its first document: too large to analyse as you type, so Daytwo does not analyse it. Split the file.`,
      };
    }
    const indexed = state.isPatch ? [] : state.docs.map((d) => d.object).filter((o): o is K8sObject => !!o && !isKustomizeKind(o));
    return this.index.setFile(uri, indexed);
  }

  /** Records a file too large to read: it is reported, never loaded. */
  updateOversize(uri: string, size: number, version = 0): boolean {
    const limits = this.config.limits;
    this.files.set(uri, {
      uri,
      text: '',
      version,
      docs: [],
      isPatch: false,
      skip: { silent: false, message: `${formatBytes(size)} is over daytwo.maxFileSize (${formatBytes(limits.maxFileSize)}): Daytwo does not analyse this file. Split it, or raise maxFileSize in the settings or .daytwo.yaml.` },
    });
    return this.index.setFile(uri, []);
  }

  remove(uri: string): boolean {
    const had = this.files.delete(uri);
    const p = uriToPath(uri);
    if (p && this.patchesByKustomization.delete(p)) this.recomputePatchFlags();
    return this.index.removeFile(uri) || had;
  }

  /**
   * Drops a closed file's ASTs, its largest part, and packs its cached findings: what the index needs
   * (plain values) stays. An AST is re-parsed from the document's text when a rule needs it again.
   */
  compact(uri: string): void {
    const f = this.files.get(uri);
    if (!f) return;
    for (const d of f.docs) {
      pack(d.cache, d.object);
      pack(d.crossCache, d.object);
      d.placed = undefined;
      if (!d.parsed.doc) continue;
      d.parsed = { ...d.parsed, doc: undefined, astDropped: true };
      if (d.object) d.object.doc = undefined;
    }
    f.lines = undefined;
    f.chunks = undefined;
    f.analysis = undefined;
  }

  /**
   * Could this file's findings differ from the last analysis? False when every document's local and
   * cross-resource findings are still valid: re-checking dependants can skip it.
   */
  needsRecheck(uri: string): boolean {
    const f = this.files.get(uri);
    if (!f) return false;
    const { local: localKey, cross: crossKey } = this.cacheKeys(f.isPatch);
    for (const d of f.docs) {
      if (d.cache?.key !== localKey) return true;
      if (!d.object || isKustomizeKind(d.object)) continue;
      const c = d.crossCache;
      if (!c || c.key !== crossKey || !this.index.current(c.reads)) return true;
    }
    return false;
  }

  /**
   * What cached findings are valid for: local ones for a config, the workspace's CRDs and whether the
   * file is a patch, cross-resource ones (which track the index themselves) for the config and that.
   * Made once per config and CRD generation, not for every document on every keystroke: the same
   * strings, compared by identity.
   */
  private cacheKeys(isPatch: boolean): { local: string; cross: string } {
    const k = this.keys;
    if (k.configVersion !== this.configVersion || k.crdGeneration !== this.index.crdGeneration) {
      const c = this.configVersion;
      const g = this.index.crdGeneration;
      this.keys = { configVersion: c, crdGeneration: g, patch: { local: `${c}:${g}:1`, cross: `${c}:1` }, plain: { local: `${c}:${g}:0`, cross: `${c}:0` } };
    }
    return isPatch ? this.keys.patch : this.keys.plain;
  }

  /** The AST of a document, re-parsed if `compact` dropped it. */
  private ensureAst(d: DocState): void {
    if (d.parsed.doc || !d.parsed.astDropped) return;
    const doc = parseChunk(d.chunk.text, this.config.limits)[d.sub]?.doc;
    d.parsed = { ...d.parsed, doc, astDropped: false };
    if (d.object) d.object.doc = doc;
  }

  /** The AST of a file's document (for hovers, the readiness panel and fixes), re-parsed if needed. */
  astOf(uri: string, docIndex: number): ParsedDoc['doc'] {
    const d = this.files.get(uri)?.docs[docIndex];
    if (!d) return undefined;
    this.ensureAst(d);
    return d.parsed.doc;
  }

  private isPatchPath(p: string): boolean {
    const abs = path.resolve(p);
    for (const set of this.patchesByKustomization.values()) if (set.has(abs)) return true;
    return false;
  }

  private updateKustomization(filePath: string, text: string) {
    const dir = path.dirname(path.resolve(filePath));
    const patches = new Set<string>();
    for (const parsed of parseChunk(text, this.config.limits)) {
      const k = asDict(parsed.value);
      const add = (p: unknown) => {
        if (typeof p === 'string' && !p.includes('\n')) patches.add(path.resolve(dir, p));
      };
      for (const p of asArray(k.patchesStrategicMerge)) add(p);
      for (const p of [...asArray(k.patches), ...asArray(k.patchesJson6902)]) add(asDict(p).path);
    }
    this.patchesByKustomization.set(path.resolve(filePath), patches);
    this.recomputePatchFlags();
  }

  private recomputePatchFlags() {
    for (const f of this.files.values()) {
      const p = uriToPath(f.uri);
      const isPatch = p ? this.isPatchPath(p) : false;
      if (isPatch !== f.isPatch) {
        f.isPatch = isPatch;
        for (const d of f.docs) {
          d.cache = undefined;
          d.crossCache = undefined;
        }
        this.index.setFile(f.uri, isPatch ? [] : f.docs.map((d) => d.object).filter((o): o is K8sObject => !!o));
      }
    }
  }

  lines(f: FileState): LineIndex {
    f.lines ??= new LineIndex(f.text);
    return f.lines;
  }

  /**
   * Computes and caches a file's local (not cross-resource) findings without placing them: the CLI's
   * workers do this while the index is still incomplete, so only cross-resource rules remain for later.
   */
  prepare(uri: string): void {
    const f = this.files.get(uri);
    if (!f || (f.skip && !f.docs.length)) return;
    for (const d of f.docs) this.localFindings(d, f.isPatch);
  }

  /** All findings for a file, suppressions marked (the editor hides suppressed ones). */
  analyze(uri: string): FileResult | undefined {
    const f = this.files.get(uri);
    if (!f) return undefined;
    const lines = this.lines(f);
    const findings: Finding[] = [];
    if (f.skip) {
      if (!f.skip.silent && f.skip.message) {
        const rule = this.ruleById('file-skipped');
        if (rule && this.isEnabled(rule)) {
          findings.push({ rule: 'file-skipped', category: 'schema', severity: this.severityOf(rule, 'warning'), message: f.skip.message, range: { start: 0, end: lines.lineEnd(0) }, docIndex: 0 });
        }
      }
      if (!f.docs.length) return { uri, findings, lines };
    }
    // Searched document by document: an edited text is not read as a whole (see `update`).
    const pieces = f.chunks ?? [{ start: 0, text: f.text }];
    const kubernetesFile = f.docs.some((d) => d.object && !isKustomizeKind(d.object)) || (!f.docs.some((d) => d.object) && mentionsKubernetes(pieces.map((c) => c.text)));
    if (!kubernetesFile) {
      // Not a manifest, so nothing to report, except that a limit stopped the analysis (it might be one).
      const i = findings.length ? -1 : f.docs.findIndex((d) => d.parsed.unanalysable);
      if (i !== -1) {
        const d = f.docs[i];
        for (const lf of this.localFindings(d, f.isPatch)) {
          if (lf.rule === 'file-skipped') findings.push(placeFinding(lf, d.chunk.start, i));
        }
        limitFloods(findings);
      }
      return { uri, findings, lines };
    }

    const comments = pieces.some((c) => c.text.includes(IGNORE_COMMENT)) ? commentSuppressions(pieces, lines) : undefined;
    const parts = f.docs.map((d, docIndex) => this.placedFindings(f, d, docIndex, lines, comments));
    // The same text with the same placed findings (each document's list is kept while valid): the
    // same result. (The findings before the documents', for a skip, come from the same state.)
    const last = f.analysis;
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.result;
    for (const part of parts) for (const x of part) findings.push(x);
    limitFloods(findings);
    // Each document's findings are sorted and documents do not overlap: this only settles ties at a
    // boundary, in linear time on sorted input.
    findings.sort(byPosition);
    const result = { uri, findings, lines };
    f.analysis = { parts, result };
    return result;
  }

  /** A document's findings placed in its file: cached, or shifted when only the document's start moved. */
  private placedFindings(f: FileState, d: DocState, docIndex: number, lines: LineIndex, comments: Map<number, CommentSuppression> | undefined): Finding[] {
    const local = this.localFindings(d, f.isPatch);
    const cross = d.object && !isKustomizeKind(d.object) ? this.crossFindings(d, f.isPatch) : NO_FINDINGS;
    const start = d.chunk.start;
    const p = d.placed;
    // A comment on the line above the document's first line (the end of the previous document, as in
    // `... # daytwo-ignore rule`) suppresses findings on that first line: with one there, now or when
    // the cache was made, nothing is reused.
    const commentAbove = !!comments?.size && comments.has(lines.positionAt(start).line - 1);
    if (p && !commentAbove && !p.commentAbove && p.local === local && p.cross === cross && p.docIndex === docIndex && p.configVersion === this.configVersion) {
      // Same findings of the same text (a reused document), perhaps further down the file: suppression
      // comments moved with it, so only the offsets change (new objects: the old ones may still be shown).
      if (p.start !== start) p.findings = p.findings.map((x) => placeFinding(x, start - p.start, docIndex));
      p.start = start;
      return p.findings;
    }
    const findings: Finding[] = [];
    for (const lf of local) findings.push(placeFinding(lf, start, docIndex));
    for (const lf of cross) findings.push(placeFinding(lf, start, docIndex));
    dropGenericDuplicates(findings, d.chunk);
    this.markSuppressed(d.object, findings, lines, comments);
    findings.sort(byPosition);
    d.placed = { local, cross, start, docIndex, configVersion: this.configVersion, commentAbove, findings };
    return findings;
  }

  private localFindings(d: DocState, isPatch: boolean): LocalFinding[] {
    const key = this.cacheKeys(isPatch).local;
    if (d.cache?.key === key) return findingsOf(d.cache, d.object);
    this.ensureAst(d);
    const findings: LocalFinding[] = [];
    const { parsed } = d;
    if (parsed.unanalysable) {
      const rule = this.ruleById('file-skipped');
      if (rule && this.isEnabled(rule)) {
        findings.push({ rule: 'file-skipped', category: 'schema', severity: this.severityOf(rule, 'warning'), message: parsed.unanalysable.message, range: parsed.unanalysable.range });
      }
    }
    for (const rule of this.documentRules) {
      rule.checkDocument(parsed.errors, (p: ParseProblem) =>
        findings.push({ rule: rule.id, category: rule.category, severity: this.severityOf(rule, rule.severity), message: p.message, range: p.range }),
      );
    }
    if (d.object && !isKustomizeKind(d.object)) findings.push(...this.runRules(d, isPatch, false));
    d.cache = { key, findings };
    return findings;
  }

  private crossFindings(d: DocState, isPatch: boolean): LocalFinding[] {
    const key = this.cacheKeys(isPatch).cross;
    const c = d.crossCache;
    if (c && c.key === key && this.index.current(c.reads)) return findingsOf(c, d.object);
    // No ensureAst here: cross-resource rules read plain values, and the AST (re-parsed for a closed
    // file) is needed only to place a finding, which runRules does lazily.
    const deps = new Set<string>();
    let findings = this.index.track(deps, () => this.runRules(d, isPatch, true));
    // Early cut-off for the document: when a kind it reads directly changed (memos cut off on their
    // own, see WorkspaceIndex.memo), it usually still finds what it found. Keeping the old array keeps
    // the document's placed findings (placedFindings compares it by identity). A closed file's old list
    // is packed and it keeps no placed findings: nothing to gain from unpacking it to compare.
    if (c?.key === key && c.findings && sameFindings(c.findings, findings)) findings = c.findings;
    d.crossCache = { key, reads: this.index.reads(deps), findings };
    return findings;
  }

  private placeCross(d: DocState, path: Path, target: Target | undefined): OffsetRange {
    const key = `${target ?? ''}${JSON.stringify(path)}`;
    const known = d.placements?.get(key);
    if (known) return known;
    this.ensureAst(d);
    const range = rangeAt(d.parsed.doc!, path, target);
    (d.placements ??= new Map()).set(key, range);
    return range;
  }

  private runRules(d: DocState, isPatch: boolean, crossResource: boolean): LocalFinding[] {
    const obj = d.object!;
    const doc = () => {
      this.ensureAst(d);
      return d.parsed.doc!;
    };
    const out: LocalFinding[] = [];
    for (const rule of crossResource ? this.crossRules : this.localRules) {
      if (isPatch && !rule.runsOnPatches) continue;
      const report = (r: Report) => {
        out.push({
          rule: rule.id,
          category: rule.category,
          severity: this.severityOf(rule, r.severity ?? rule.severity),
          message: r.message,
          range: crossResource ? this.placeCross(d, r.path, r.target) : rangeAt(doc(), r.path, r.target),
          object: obj.ref(),
          fix: r.fix ? { safe: true, ...r.fix } : undefined,
        });
      };
      try {
        rule.check({
          object: obj,
          index: this.index,
          options: this.config.ruleOptions[rule.id] ?? {},
          kubernetesVersion: this.config.kubernetesVersion,
          isPatch,
          report,
        });
      } catch (e) {
        const err = e as Error;
        this.log(`Internal error in rule ${rule.id} on ${obj.display} (${obj.uri}): ${err.stack ?? err.message}`);
        out.push({
          rule: rule.id,
          category: rule.category,
          severity: 'error',
          message: `Internal error in Daytwo rule ${rule.id} on ${obj.display}: ${err.message}. The other rules still ran; please report this with the manifest.`,
          range: rangeAt(doc(), ['kind'], 'value'),
          object: obj.ref(),
        });
      }
    }
    return out;
  }

  /** Marks the findings of one document (about `obj`) that a comment, an annotation or the config suppresses. */
  private markSuppressed(obj: K8sObject | undefined, findings: Finding[], lines: LineIndex, comments: Map<number, CommentSuppression> | undefined) {
    let annotations: ReturnType<typeof annotationSuppression> | null = null;
    for (const finding of findings) {
      if (comments?.size) {
        const line = lines.positionAt(finding.range.start).line;
        const s = [comments.get(line), comments.get(line - 1)].find((c) => suppresses(c, finding.rule));
        if (s) {
          finding.suppressed = { kind: 'comment', reason: s.reason || 'daytwo-ignore comment' };
          continue;
        }
      }
      if (obj) {
        if (annotations === null) annotations = annotationSuppression(obj);
        if (suppresses(annotations, finding.rule)) {
          finding.suppressed = { kind: 'annotation', reason: annotations!.reason };
          continue;
        }
      }
      const ex = this.config.exemptions.find((e) => matchesExemption(e, finding.rule, obj));
      if (ex) finding.suppressed = { kind: 'config', reason: ex.reason };
    }
  }

  /** The document containing an offset, with its chunk start. */
  docAt(uri: string, offset: number): { object?: K8sObject; parsed: ParsedDoc; chunkStart: number; docIndex: number } | undefined {
    const f = this.files.get(uri);
    if (!f) return undefined;
    for (let i = f.docs.length - 1; i >= 0; i--) {
      const d = f.docs[i];
      if (d.chunk.start <= offset) {
        this.ensureAst(d);
        return { object: d.object, parsed: d.parsed, chunkStart: d.chunk.start, docIndex: i };
      }
    }
    return undefined;
  }
}

/**
 * One problem, one finding: when a specific rule (mesh-annotation-value on `linkerd.io/inject: true`)
 * reports exactly where the generic schema check does, the specific one explains it better.
 */
function dropGenericDuplicates(findings: Finding[], chunk: Chunk) {
  const specific = new Set(findings.filter((f) => f.rule !== 'schema-invalid').map((f) => `${f.range.start}:${f.range.end}`));
  if (!specific.size) return;
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i];
    // Only a value is "the same problem": many rules underline a parent key (`spec`, a container's
    // name) for unrelated reasons, and a missing required field reported there must stay.
    if (f.rule === 'schema-invalid' && specific.has(`${f.range.start}:${f.range.end}`) && !/^[ \t]*:/.test(chunk.text.slice(f.range.end - chunk.start, f.range.end - chunk.start + 8))) findings.splice(i, 1);
  }
}

/** Whether an edit leaves its text as it was (a change to the same characters). */
function changesNothing(e: TextEdit): boolean {
  return e.inserted.length === e.end - e.start && e.before.slice(e.start, e.end) === e.inserted;
}

/**
 * The edited text around the change, one character either side: where a two-character pattern
 * (Helm's `{{`) can appear in a text that had none.
 */
function aroundEdit(e: TextEdit): string {
  return e.before.slice(Math.max(0, e.start - 1), e.start) + e.inserted + e.before.slice(e.end, e.end + 1);
}

/** Most yaml-syntax findings shown per file: a broken or binary file gets a few, not thousands. */
const MAX_SYNTAX_FINDINGS = 100;

/**
 * One file-skipped finding per file, however many documents hit a limit (the first one, counting the
 * others), and at most MAX_SYNTAX_FINDINGS syntax errors: a hostile file gets an answer, not a flood.
 */
function limitFloods(findings: Finding[]) {
  let skipped: Finding | undefined;
  let moreSkipped = 0;
  let syntax = 0;
  let w = 0;
  for (const f of findings) {
    if (f.rule === 'file-skipped') {
      if (skipped) {
        moreSkipped++;
        continue;
      }
      skipped = f;
    } else if (f.rule === 'yaml-syntax' && ++syntax > MAX_SYNTAX_FINDINGS) continue;
    findings[w++] = f;
  }
  findings.length = w;
  if (skipped && moreSkipped) {
    // A copy: the finding is also its document's cached one.
    const i = findings.indexOf(skipped);
    findings[i] = { ...skipped, message: `${skipped.message} ${moreSkipped} more document${moreSkipped === 1 ? '' : 's'} of this file ${moreSkipped === 1 ? 'is' : 'are'} not analysed either.` };
  }
}

/** Kustomize's own kinds and other tools' config files: parsed, never judged or indexed. */
function isKustomizeKind(o: K8sObject): boolean {
  return isToolConfig(o.apiVersion, o.kind);
}

