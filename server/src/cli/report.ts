/** What a scan produces, independent of output format. */

import type { Finding, Range, Severity } from '../engine/types';

export interface FileFindings {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  findings: (Finding & { lspRange: Range })[];
}

export interface ScanSummary {
  files: number;
  objects: number;
  findings: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<string, number>;
  /** Findings with a quick-fix (in the editor). */
  fixable: number;
  /** Of those, the ones `--fix` applies without review (safe fixes). */
  autoFixable: number;
}

export function summarize(files: FileFindings[], filesScanned: number, objects: number): ScanSummary {
  const s: ScanSummary = { files: filesScanned, objects, findings: 0, suppressed: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCategory: {}, fixable: 0, autoFixable: 0 };
  for (const f of files) {
    for (const x of f.findings) {
      if (x.suppressed) {
        s.suppressed++;
        continue;
      }
      s.findings++;
      s.bySeverity[x.severity]++;
      s.byCategory[x.category] = (s.byCategory[x.category] ?? 0) + 1;
      if (x.fix) s.fixable++;
      if (x.fix && x.fix.safe !== false) s.autoFixable++;
    }
  }
  return s;
}
