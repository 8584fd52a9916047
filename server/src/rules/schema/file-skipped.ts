import { defineRule } from '../types';

export default defineRule({
  id: 'file-skipped',
  category: 'schema',
  severity: 'warning',
  description: 'A YAML file Daytwo could not analyse (over a size, document, alias or depth limit, or binary).',
  rationale:
    'Silence would look like a clean bill of health. When a limit stops the analysis, one diagnostic at the top of the file says which limit and how to raise it, so nothing goes unchecked unnoticed.',
  appliesTo: 'all',
  runsOnPatches: true,
  // Reported by the engine itself when it declines a file; registered so it can be configured and documented.
  checkDocument() {},
});
