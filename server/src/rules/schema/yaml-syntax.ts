import { defineRule } from '../types';

export default defineRule({
  id: 'yaml-syntax',
  category: 'schema',
  severity: 'error',
  description: 'YAML that does not parse.',
  rationale:
    'kubectl and every controller reject a manifest that is not valid YAML, and tools that read the file silently skip it. The range and message are the parser\'s own.',
  appliesTo: 'all',
  runsOnPatches: true,
  checkDocument(errors, report) {
    for (const e of errors) report(e);
  },
});
