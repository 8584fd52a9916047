import type { FileFindings, ScanSummary } from '../report';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** `file:line:col severity rule message`, grouped by file, then a summary line. */
export function formatText(files: FileFindings[], summary: ScanSummary, color: boolean): string {
  return files.map((f) => formatTextFile(f, color)).join('') + formatTextSummary(summary);
}

/** One file's block (empty when nothing is shown): what a streaming scan prints as each file is done. */
export function formatTextFile(f: FileFindings, color: boolean): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? `${COLORS[k]}${s}${COLORS.reset}` : s);
  const shown = f.findings.filter((x) => !x.suppressed);
  if (!shown.length) return '';
  const out: string[] = [c('dim', f.file)];
  for (const x of shown) {
    const pos = `${f.file}:${x.lspRange.start.line + 1}:${x.lspRange.start.character + 1}`;
    out.push(`${pos} ${c(x.severity, x.severity)} ${x.rule} ${x.message}`);
  }
  return out.join('\n') + '\n\n';
}

export function formatTextSummary(summary: ScanSummary): string {
  const out: string[] = [];
  const { error, warning, info } = summary.bySeverity;
  const parts = [`${summary.findings} finding${summary.findings === 1 ? '' : 's'} (${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info)`];
  parts.push(`in ${summary.files} file${summary.files === 1 ? '' : 's'}, ${summary.objects} object${summary.objects === 1 ? '' : 's'}`);
  if (summary.suppressed) parts.push(`${summary.suppressed} suppressed`);
  if (summary.autoFixable) parts.push(`${summary.autoFixable} fixable with --fix`);
  if (summary.fixable > summary.autoFixable) parts.push(`${summary.fixable - summary.autoFixable} more with a quick-fix to review in the editor`);
  out.push(parts.join('; '));
  return out.join('\n') + '\n';
}
