/** The manifest "Create Example Manifest" writes: the Deployment snippet with its defaults. */

import snippets from '../../snippets/kubernetes.json';
import { expandSnippet } from './snippetExpand';

const HEADER = [
  '# An example of a production-ready Deployment, created by Daytwo.',
  '# Daytwo checks Kubernetes manifests as you type: try removing the readinessProbe or setting',
  '# privileged: true under securityContext, and hover the squiggle. Snippets start with "k8s-".',
  '',
];

export const EXAMPLE_MANIFEST = HEADER.join('\n') + expandSnippet(snippets['Deployment (production-ready)'].body) + '\n';
