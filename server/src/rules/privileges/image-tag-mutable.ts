import { asString } from '../../engine/object';
import { allContainers } from '../../engine/workload';
import { defineRule } from '../types';

export interface ImageRef {
  /** Registry/repository without tag or digest. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits an image reference; a registry port (`registry:5000/app`) is not a tag. */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}

/** Values substituted later (Helm, envsubst, kustomize placeholders): not an image yet. */
function templated(image: string): boolean {
  return /\{\{|\$\{|\$\(|<[^>]*>/.test(image);
}

export default defineRule({
  id: 'image-tag-mutable',
  category: 'privileges',
  severity: 'warning',
  description: 'A container image has no tag or the tag latest, and is not pinned by digest.',
  rationale:
    'A missing tag means latest, and latest moves: two nodes can run different code under the same manifest, a restart can silently upgrade a pod, and a rollback does not roll back anything. Use an immutable version tag, or pin the image by digest (@sha256:…), which is also what supply-chain policies check.',
  appliesTo: 'workload',
  runsOnPatches: true,
  peers: ['kube-linter latest-tag', 'kube-score container-image-tag', 'Polaris tagNotSpecified', 'Checkov CKV_K8S_14'],
  examples: {
    bad: `containers:
- name: cache
  image: registry.internal:5000/team/redis\n`,
    good: `containers:
- name: cache
  image: registry.internal:5000/team/redis:7.4.1\n`,
  },
  check({ object, report }) {
    for (const c of allContainers(object)) {
      const image = asString(c.container.image);
      if (!image || !image.trim() || templated(image)) continue;
      const ref = parseImage(image);
      if (ref.digest) continue;
      if (ref.tag !== undefined && ref.tag !== '' && ref.tag !== 'latest') continue;
      report({
        path: [...c.path, 'image'],
        target: 'value',
        message:
          ref.tag === 'latest'
            ? `Container '${c.name}' of ${object.display} uses the mutable tag latest: what runs can change at any restart, and rollbacks do not roll back the code.`
            : `Container '${c.name}' of ${object.display} uses image '${ref.repository}' without a tag, which means latest: what runs can change at any restart.`,
      });
    }
  },
});
