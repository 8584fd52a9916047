import { createHash } from 'node:crypto';
import type { Rule } from '../../rules/types';
import { ruleDocUrl } from '../../rules/registry';
import type { Severity } from '../../engine/types';
import type { FileFindings } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as code-scanning upload expects: rules metadata, results with regions, suppressions. */
export function formatSarif(files: FileFindings[], rules: readonly Rule[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.findings.map((x) => {
      const region = {
        startLine: x.lspRange.start.line + 1,
        startColumn: x.lspRange.start.character + 1,
        endLine: x.lspRange.end.line + 1,
        endColumn: x.lspRange.end.character + 1,
      };
      const fingerprint = createHash('sha256')
        .update(`${x.rule}|${f.file}|${x.object ? `${x.object.kind}/${x.object.namespace ?? ''}/${x.object.name}` : ''}|${x.message}`)
        .digest('hex')
        .slice(0, 32);
      return {
        ruleId: x.rule,
        ruleIndex: ruleIndex.get(x.rule) ?? -1,
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' }, region },
            ...(x.object
              ? { logicalLocations: [{ name: x.object.name, fullyQualifiedName: `${x.object.namespace ?? 'default'}/${x.object.kind}/${x.object.name}`, kind: 'object' }] }
              : {}),
          },
        ],
        partialFingerprints: { 'daytwo/v1': fingerprint },
        ...(x.suppressed ? { suppressions: [{ kind: x.suppressed.kind === 'config' ? 'external' : 'inSource', status: 'accepted', justification: x.suppressed.reason }] } : {}),
        properties: { category: x.category, fixable: !!x.fix },
      };
    }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'daytwo',
            version,
            informationUri: 'https://example.invalid/daytwo',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.rationale },
              helpUri: ruleDocUrl(r.id),
              help: { text: `${r.rationale}${r.fix ? ` Fix: ${r.fix}` : ''}` },
              defaultConfiguration: { level: LEVEL[r.severity], enabled: !r.defaultOff },
              properties: { category: r.category, tags: [r.category] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + process.cwd().replace(/\\/g, '/') + '/' } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif) + '\n';
}
