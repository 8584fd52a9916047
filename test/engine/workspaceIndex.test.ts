import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { K8sObject } from '../../server/src/engine/object';
import { WorkspaceIndex } from '../../server/src/engine/workspaceIndex';

const obj = (uri: string, text: string, docIndex = 0) => {
  const doc = parseDocument(text);
  return new K8sObject(doc.toJS() as Record<string, unknown>, uri, docIndex, doc);
};
const cm = (name: string, value: string, ns = 'shop') => obj('file:///w/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {LEVEL: "${value}"}\n`);
const sa = (name: string) => obj('file:///w/sa.yaml', `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: shop}\n`);

/** The versions of the kinds a reader depends on, as a cached cross-resource result stores them. */
const versionsAfterReading = (index: WorkspaceIndex, kinds: string[]) => {
  const deps = new Set<string>();
  index.track(deps, () => kinds.forEach((k) => index.ofKind(k)));
  return index.versionsOf(deps);
};

test('setFile reports a change only when other objects could see one, and bumps only the kinds that changed', () => {
  const index = new WorkspaceIndex();
  assert.equal(index.setFile('file:///w/empty.yaml', []), false, 'a new file with no objects changes nothing');
  assert.equal(index.setFile('file:///w/cm.yaml', [cm('settings', 'a')]), true, 'a new file brings its kinds');
  assert.equal(index.setFile('file:///w/sa.yaml', [sa('api')]), true);
  const cmVersions = versionsAfterReading(index, ['ConfigMap']);
  const saVersions = versionsAfterReading(index, ['ServiceAccount']);

  assert.equal(index.setFile('file:///w/cm.yaml', [cm('settings', 'a')]), false, 'the same content again (new objects) is no change');
  assert.ok(index.unchanged(cmVersions));

  assert.equal(index.setFile('file:///w/cm.yaml', [cm('settings', 'b')]), true);
  assert.ok(!index.unchanged(cmVersions), 'the changed kind is bumped');
  assert.ok(index.unchanged(saVersions), 'other kinds are not');

  const afterEdit = versionsAfterReading(index, ['ConfigMap']);
  assert.equal(index.removeFile('file:///w/sa.yaml'), true);
  assert.ok(!index.unchanged(saVersions), 'removing a file bumps its kinds');
  assert.ok(index.unchanged(afterEdit));
  assert.equal(index.removeFile('file:///w/sa.yaml'), false, 'removing an unknown file is no change');
  assert.equal(index.removeFile('file:///w/empty.yaml'), false, 'nor is removing a file without objects');
  assert.equal(index.size, 1);
});

test('setFile on a file seen before compares what it contributes: reordered objects are a change, annotations of kubectl are not', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/cm.yaml', [cm('a', '1'), cm('b', '1')]);
  assert.equal(index.setFile('file:///w/cm.yaml', [cm('b', '1'), cm('a', '1')]), true, 'order is observable (first match wins)');
  const applied = obj('file:///w/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: shop\n  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}\ndata: {LEVEL: "1"}\n');
  assert.equal(index.setFile('file:///w/cm.yaml', [applied, cm('a', '1')]), false);
});

test('CRDs: a file that adds or drops one bumps crdGeneration, other files do not', () => {
  const index = new WorkspaceIndex();
  const crd = obj('file:///w/crd.yaml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions: [{name: v1, served: true, storage: true}]\n');
  index.setFile('file:///w/cm.yaml', [cm('a', '1')]);
  const g0 = index.crdGeneration;
  index.setFile('file:///w/crd.yaml', [crd]);
  assert.equal(index.crdGeneration, g0 + 1);
  assert.ok(index.definesKind('example.com', 'Widget'));
  index.setFile('file:///w/cm.yaml', [cm('a', '2')]);
  assert.equal(index.crdGeneration, g0 + 1);
  // A ConfigMap edited beside the CRD in its file (the CRD's document not re-parsed): the CRDs are the same.
  index.setFile('file:///w/crd.yaml', [crd, cm('b', '1')]);
  assert.equal(index.crdGeneration, g0 + 1);
  index.setFile('file:///w/crd.yaml', [crd, cm('b', '2')]);
  assert.equal(index.crdGeneration, g0 + 1, 'an edit next to an unchanged CRD');
  index.removeFile('file:///w/crd.yaml');
  assert.equal(index.crdGeneration, g0 + 2);
  assert.ok(!index.definesKind('example.com', 'Widget'));
});

test('find returns the first object of a name in load order, per namespace, and sees later changes', () => {
  const index = new WorkspaceIndex();
  const first = cm('settings', 'first');
  index.setFile('file:///w/1.yaml', [first, cm('other', 'x')]);
  index.setFile('file:///w/2.yaml', [cm('settings', 'second'), cm('settings', 'blog', 'blog')]);
  assert.equal(index.find('ConfigMap', 'shop', 'settings'), first);
  assert.equal(index.find('ConfigMap', 'blog', 'settings')?.value.data && (index.find('ConfigMap', 'blog', 'settings')!.value.data as Record<string, string>).LEVEL, 'blog');
  assert.equal(index.find('ConfigMap', 'shop', 'missing'), undefined);
  index.removeFile('file:///w/1.yaml');
  assert.equal((index.find('ConfigMap', 'shop', 'settings')!.value.data as Record<string, string>).LEVEL, 'second');
  assert.equal(index.find('ConfigMap', 'shop', 'other'), undefined);
});

test('inNamespace lists a namespace\'s objects in load order, unset namespaces as default', () => {
  const index = new WorkspaceIndex();
  const loose = obj('file:///w/loose.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loose}\n');
  index.setFile('file:///w/cm.yaml', [cm('a', '1'), cm('b', '1', 'blog')]);
  index.setFile('file:///w/sa.yaml', [sa('api')]);
  index.setFile('file:///w/loose.yaml', [loose]);
  assert.deepEqual(index.inNamespace('shop').map((o) => o.name), ['a', 'api']);
  assert.deepEqual(index.inNamespace('default'), [loose]);
  assert.deepEqual(index.inNamespace('nowhere'), []);
  index.setFile('file:///w/cm.yaml', [cm('c', '1')]);
  assert.deepEqual(index.inNamespace('shop').map((o) => o.name), ['c', 'api']);
});

test('an edit to one document of a file: the kept objects (same instances) are no change, the edited one bumps its kind only', () => {
  const index = new WorkspaceIndex();
  const settings = cm('settings', 'a');
  index.setFile('file:///w/app.yaml', [settings, sa('api')]);
  const cmVersions = versionsAfterReading(index, ['ConfigMap']);
  const saVersions = versionsAfterReading(index, ['ServiceAccount']);
  assert.equal(index.setFile('file:///w/app.yaml', [settings, sa('api')]), false);
  assert.equal(index.setFile('file:///w/app.yaml', [settings, sa('worker')]), true);
  assert.ok(index.unchanged(cmVersions));
  assert.ok(!index.unchanged(saVersions));
  assert.equal(index.find('ServiceAccount', 'shop', 'worker')?.name, 'worker');
});

test('dependencies are per namespace: a change in one namespace keeps what was read of another', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('settings', 'a', 'shop')]);
  index.setFile('file:///w/blog.yaml', [cm('settings', 'a', 'blog')]);
  const read = (fn: () => void) => {
    const deps = new Set<string>();
    index.track(deps, fn);
    return index.versionsOf(deps);
  };
  const shopKind = read(() => index.ofKind('ConfigMap', 'shop'));
  const shopAll = read(() => index.inNamespace('shop'));
  const anywhere = read(() => index.ofKind('ConfigMap'));
  const sas = read(() => index.ofKind('ServiceAccount', 'shop'));
  index.setFile('file:///w/blog.yaml', [cm('settings', 'b', 'blog')]);
  assert.ok(index.unchanged(shopKind) && index.unchanged(shopAll), 'an edit in blog keeps shop\'s readers');
  assert.ok(!index.unchanged(anywhere), 'a cluster-wide reader of the kind sees it');
  index.setFile('file:///w/shop.yaml', [cm('settings', 'a', 'shop'), sa('api')]);
  assert.ok(index.unchanged(shopKind), 'a new ServiceAccount is not a ConfigMap change');
  assert.ok(!index.unchanged(shopAll) && !index.unchanged(sas), 'but the namespace and the kind there changed');
});

test('memo: recomputed only when what it read changes, and its readers depend on the memo', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('a', '1', 'shop')]);
  index.setFile('file:///w/blog.yaml', [cm('b', '1', 'blog')]);
  let runs = 0;
  const names = () => index.memo('test:shop', () => (runs++, index.ofKind('ConfigMap', 'shop').map((o) => o.name)));
  const deps = new Set<string>();
  assert.deepEqual(index.track(deps, names), ['a']);
  const versions = index.versionsOf(deps);
  const again = new Set<string>();
  index.track(again, names);
  assert.deepEqual([...again], [...deps], 'a cached value still records its dependency');
  index.setFile('file:///w/blog.yaml', [cm('b', '2', 'blog')]);
  assert.deepEqual(names(), ['a']);
  assert.equal(runs, 1, 'not recomputed for another namespace');
  assert.ok(index.unchanged(versions));
  index.setFile('file:///w/shop.yaml', [cm('a', '1', 'shop'), cm('c', '1', 'shop')]);
  assert.deepEqual(names(), ['a', 'c']);
  assert.equal(runs, 2);
  assert.ok(!index.unchanged(versions));
});

test('memo early cut-off: a recomputed value equal to the old one keeps its readers valid', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('a', '1'), cm('b', '1')]);
  let runs = 0;
  // The names of the namespace's ConfigMaps: what their data says is not part of the value.
  const names = () => index.memo('test:names', () => (runs++, index.ofKind('ConfigMap', 'shop').map((o) => o.name)), (x, y) => x.join() === y.join());
  const deps = new Set<string>();
  index.track(deps, names);
  const reader = index.versionsOf(deps);

  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('b', '1')]);
  assert.ok(index.unchanged(reader), 'a change the memo does not show keeps its reader');
  assert.equal(runs, 2, 'checking the reader recomputed the memo once');
  assert.deepEqual(names(), ['a', 'b']);
  assert.equal(runs, 2, 'and the reader then reads the recomputed value');

  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('c', '1')]);
  assert.ok(!index.unchanged(reader), 'a changed value makes its reader stale');
  assert.deepEqual(names(), ['a', 'c']);
  assert.equal(runs, 3);

  // Without an equality for it, an object value is never the same (each computation makes a new one).
  const plain = () => index.memo('test:plain', () => index.ofKind('ConfigMap', 'shop').map((o) => o.name));
  const plainDeps = new Set<string>();
  index.track(plainDeps, plain);
  const plainReader = index.versionsOf(plainDeps);
  index.setFile('file:///w/shop.yaml', [cm('a', '3'), cm('c', '1')]);
  assert.ok(!index.unchanged(plainReader));
});

test('memo early cut-off reaches through a memo that reads another memo', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('a', '1')]);
  const count = () => index.memo('test:count', () => index.ofKind('ConfigMap', 'shop').length);
  const many = () => index.memo('test:many', () => count() > 1);
  const deps = new Set<string>();
  index.track(deps, many);
  assert.deepEqual([...deps], ['\u0001test:many'], 'the reader depends on the memo it read, not on what that read');
  const reader = index.versionsOf(deps);
  index.setFile('file:///w/shop.yaml', [cm('a', '2')]);
  assert.ok(index.unchanged(reader), 'the count is the same, so is "many"');
  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('b', '1')]);
  assert.ok(!index.unchanged(reader), 'two ConfigMaps: "many" changed');
  const after = index.versionsOf(deps);
  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('b', '1'), cm('c', '1')]);
  assert.ok(index.unchanged(after), 'three: the count changed but "many" did not');
});

test('reads: readers of the same things in one state of the index share one record, checked once per change', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('a', '1'), sa('api')]);
  index.setFile('file:///w/blog.yaml', [cm('a', '1', 'blog')]);
  let runs = 0;
  const names = () => index.memo('test:names', () => (runs++, index.ofKind('ConfigMap', 'shop').map((o) => o.name)), (x, y) => x.join() === y.join());
  const readsOf = (fn: () => void) => {
    const deps = new Set<string>();
    index.track(deps, fn);
    return index.reads(deps);
  };
  // Two documents whose rules read the same kind and memo: one record.
  const first = readsOf(() => (index.ofKind('ServiceAccount', 'shop'), names()));
  const second = readsOf(() => (index.ofKind('ServiceAccount', 'shop'), names()));
  assert.equal(first, second);
  const other = readsOf(() => index.ofKind('ConfigMap', 'blog'));
  assert.notEqual(other, first);

  // A change the memo does not show: still current, and the shared record is checked once for both readers.
  index.setFile('file:///w/shop.yaml', [cm('a', '2'), sa('api')]);
  assert.equal(runs, 1);
  let checks = 0;
  const unchanged = index.unchanged.bind(index);
  index.unchanged = (versions) => (checks++, unchanged(versions));
  assert.ok(index.current(first));
  const forFirst = checks;
  assert.ok(index.current(second));
  assert.equal(checks, forFirst, 'the second reader\'s record was checked with the first\'s');
  assert.equal(runs, 2);
  assert.ok(index.current(other), 'a change in shop keeps what was read of blog');

  // After a change, new readers get a new record (the memo's version is part of it once it changed).
  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('b', '1'), sa('api')]);
  assert.ok(!index.current(first), 'the memo\'s value changed');
  const third = readsOf(() => (index.ofKind('ServiceAccount', 'shop'), names()));
  assert.notEqual(third, first);
  assert.ok(index.current(third));
  index.setFile('file:///w/shop.yaml', [cm('a', '2'), cm('b', '1'), sa('worker')]);
  assert.ok(!index.current(third), 'the ServiceAccounts it read changed');
  assert.ok(!index.current(first), 'and a stale record stays stale');
  index.setFile('file:///w/blog.yaml', [cm('a', '2', 'blog')]);
  assert.ok(!index.current(other));
});

test('reads: a memo that throws is computed again by every reader, so its readers never share a record', () => {
  const index = new WorkspaceIndex();
  index.setFile('file:///w/shop.yaml', [cm('a', '1')]);
  const broken = () => index.memo('test:broken', () => { throw new Error('no'); });
  const readsOf = () => {
    const deps = new Set<string>();
    assert.throws(() => index.track(deps, broken), /no/);
    return index.reads(deps);
  };
  const first = readsOf();
  const second = readsOf();
  assert.notEqual(first, second, 'each read bumped the memo: the two read different versions of it');
  // Any change to the index: the memo is computed again (and throws again), so both readers are stale.
  index.setFile('file:///w/blog.yaml', [cm('a', '1', 'blog')]);
  assert.ok(!index.current(first) && !index.current(second));
});
