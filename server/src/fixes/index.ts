/** The fix engine's public surface: fix ops to text edits, ignore actions, fix-all, diffs. */

export { applyOps, applyOp, documentsOf, minimalEdit, parseErrorCount, detectEol, FixError, type Edit } from './apply';
export { ignoreLineEdit, ignoreObjectOps, applyIgnoreObject } from './ignore';
export { fixAll, isSafeFix, type FixAllResult, type AppliedFix } from './fixAll';
export { unifiedDiff } from './diff';

import type { Workspace } from '../engine/workspace';
import type { Finding } from '../engine/types';

/** An analyser for fix-all over one file of a workspace: sets the file's text and analyses it. */
export function workspaceAnalyzer(ws: Workspace, uri: string): (text: string) => Finding[] {
  return (text: string) => {
    ws.update(uri, text);
    return ws.analyze(uri)?.findings ?? [];
  };
}
