import type { FileFindings, ScanSummary } from '../report';

/** The stable JSON contract: version 1, one-based line/column plus the LSP zero-based range. */
export function formatJson(files: FileFindings[], summary: ScanSummary): string {
  const findings = files.flatMap((f) =>
    f.findings.map((x) => ({
      file: f.file,
      line: x.lspRange.start.line + 1,
      column: x.lspRange.start.character + 1,
      endLine: x.lspRange.end.line + 1,
      endColumn: x.lspRange.end.character + 1,
      range: x.lspRange,
      rule: x.rule,
      category: x.category,
      severity: x.severity,
      message: x.message,
      object: x.object ?? null,
      fixable: !!x.fix,
      suppressed: !!x.suppressed,
      ...(x.suppressed ? { suppression: x.suppressed } : {}),
    })),
  );
  return JSON.stringify({ version: 1, findings, summary }, null, 2) + '\n';
}
