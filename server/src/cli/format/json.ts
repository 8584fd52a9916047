import type { FileFindings, ScanSummary } from '../report';

/**
 * The stable JSON contract: version 1, one-based line/column plus the LSP zero-based range. Compact,
 * on one line, as the SARIF and the rule listing are: machine output (`jq .` pretty-prints it), and
 * indenting made the 1,000-app folder's 10,625 findings 8.6 MB instead of 5.9 MB, ~45 ms of the scan.
 */
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
  return JSON.stringify({ version: 1, findings, summary }) + '\n';
}
