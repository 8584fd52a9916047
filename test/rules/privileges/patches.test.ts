import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintWorkspace, yaml } from '../../helpers';

test('on a kustomize patch, rules that judge present values run and rules about missing settings do not', () => {
  const files = {
    'overlays/prod/kustomization.yaml': yaml`
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
      - ../../base
      patches:
      - path: agent-patch.yaml
    `,
    'overlays/prod/agent-patch.yaml': yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
      spec:
        template:
          spec:
            hostPID: true
            containers:
            - name: agent
              image: ghcr.io/acme/agent:latest
              securityContext:
                privileged: true
                capabilities:
                  add: [SYS_PTRACE]
    `,
  };
  const f = lintWorkspace(files).filter((x) => x.file === 'overlays/prod/agent-patch.yaml' && x.category === 'privileges');
  const rules = [...new Set(f.map((x) => x.rule))].sort();
  assert.deepEqual(rules, ['capabilities-added', 'host-namespace', 'image-tag-mutable', 'privileged-container']);
});
