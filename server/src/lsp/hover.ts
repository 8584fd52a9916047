/** Hover: on a finding, the rule's rationale; on a field of a known kind, its OpenAPI description. */

import type { Hover, HoverParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById, ruleDocUrl } from '../rules/registry';
import type { Project } from './projects';
import { describeFieldAt } from '../schema/describe';

export function hover(project: Project, params: HoverParams, doc: TextDocument | undefined): Hover | null {
  const uri = params.textDocument.uri;
  const ws = project.workspace;
  const result = ws.analyze(uri);
  if (!result) return null;
  const offset = result.lines.offsetAt(params.position);
  const hits = result.findings.filter((f) => !f.suppressed && f.range.start <= offset && offset <= f.range.end);
  const parts: string[] = [];
  for (const f of hits) {
    const rule = ruleById(f.rule);
    if (!rule) continue;
    parts.push(`**${rule.id}** (${rule.category}, ${f.severity}): ${rule.description}\n\n${rule.rationale}${rule.fix && f.fix ? `\n\nQuick fix: ${rule.fix}` : ''}\n\n[Rule documentation](${ruleDocUrl(rule.id)})`);
  }
  const at = ws.docAt(uri, offset);
  if (at?.object && at.parsed.doc) {
    const field = describeFieldAt(at.object, at.parsed.doc, offset - at.chunkStart, ws.index);
    if (field) parts.push(field);
  }
  void doc;
  if (!parts.length) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
