#!/usr/bin/env node
// Extracts what the engine needs from the shared mesh facts (mesh-annotations.json) into a compact
// file that esbuild bundles: server/src/mesh/meshData.json. The product never reads ../shared at run
// time; re-run this script when the facts are updated:
//
//   node scripts/generate-mesh-data.mjs [path/to/mesh-annotations.json]
//
// Output shape (kept small; every key is documented in server/src/mesh/catalog.ts):
//   keys[]: { n name, k 'a'|'l', m 'istio'|'linkerd', on appliesTo[], t valueType, v? allowed values,
//            f? format, min?/max?/xmin?/xmax? numeric bounds, ci? case-insensitive enum, shape? json shape,
//            named? port names allowed, d? (1 = with day unit), dep? deprecated, rep? replacement,
//            set? who writes it (omitted = user), def? default, nsi? namespace-inherited (Linkerd), doc }

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(process.argv[2] ?? resolve(here, '../../shared/mesh/mesh-annotations.json'));
const out = resolve(here, '../server/src/mesh/meshData.json');
const facts = JSON.parse(readFileSync(src, 'utf8'));

const BOOL_TYPES = new Set(['boolStrict', 'boolGo', 'boolCaseInsensitive']);

/** Numeric bounds written as allowedValues ('0..100', '0 < x < 1', '0.0..1.0'). */
function bounds(allowed) {
  const out = {};
  for (const a of allowed ?? []) {
    let m = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(a);
    if (m) Object.assign(out, { min: Number(m[1]), max: Number(m[2]) });
    m = /^(-?[\d.]+)\s*<\s*x\s*<\s*(-?[\d.]+)$/.exec(a);
    if (m) Object.assign(out, { xmin: Number(m[1]), xmax: Number(m[2]) });
  }
  return out;
}

/** Allowed values that are literal values (not '<placeholder>' or ranges). */
function literalValues(allowed) {
  return (allowed ?? []).filter((a) => !/[<>]|\.\.|\[/.test(a) && !/^\d+\s*</.test(a));
}

function compact(mesh, e) {
  const rows = [];
  // Linkerd documents one pattern for the per-owner labels: expand it to the real names.
  const m = /^(.*)<kind> \(([^)]*)\)$/.exec(e.name);
  const names = m ? m[2].split('|').map((k) => m[1] + k) : [e.name];
  for (const name of names) {
    const r = { n: name, k: e.kind === 'label' ? 'l' : 'a', m: mesh, on: e.appliesTo, t: e.valueType };
    const lits = literalValues(e.allowedValues);
    if (e.valueType === 'enum' || (lits.length && !BOOL_TYPES.has(e.valueType))) r.v = lits;
    if (e.format) r.f = e.format;
    Object.assign(r, bounds(e.allowedValues));
    const text = `${e.doc ?? ''} ${(e.notes ?? []).join(' ')}`;
    if (e.valueType === 'enum' && /case-insensitive/i.test(text)) r.ci = 1;
    if (e.valueType === 'json' && e.format) {
      if (/^JSON object/i.test(e.format)) r.shape = 'object';
      else if (/^JSON array/i.test(e.format)) r.shape = 'array';
    }
    // Linkerd accepts named container ports in a pod's opaque-ports (pkg/util/parsing.go).
    if (name === 'config.linkerd.io/opaque-ports') r.named = 1;
    if (e.valueType === 'durationWithUnit' && /\|d\b|also d\b/.test(`${e.format ?? ''}`)) r.d = 1;
    if (e.valueType === 'durationWithUnit' && name.startsWith('balancer.')) r.d = 1;
    if (e.deprecated) r.dep = 1;
    if (e.replacement) r.rep = e.replacement;
    if (e.setBy && e.setBy !== 'user') r.set = e.setBy;
    if (e.default !== undefined && e.default !== null) r.def = String(e.default);
    if (e.namespaceInherited) r.nsi = 1;
    r.doc = e.doc;
    rows.push(r);
  }
  return rows;
}

const keys = [
  ...facts.istio.annotations.flatMap((e) => compact('istio', e)),
  ...facts.linkerd.annotations.flatMap((e) => compact('linkerd', e)),
];

const parsePorts = (s) => String(s).split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n));
const sp = facts.istio.servicePortProtocols;

const data = {
  source: { generatedFrom: 'mesh-annotations.json', facts: facts.meta.generated, snapshots: facts.meta.snapshots },
  valueTypes: facts.valueTypes,
  keys,
  removed: facts.istio.removedKeys.map((r) => ({ n: r.name, m: 'istio', in: r.removedIn, hint: r.hint })),
  istio: {
    protocolPrefixes: Object.keys(sp.prefixes),
    wellKnownTcpPorts: sp.wellKnownTcpPorts,
    reservedPorts: Object.keys(facts.istio.reserved.ports).map(Number),
    proxyUid: facts.istio.reserved.proxyUid,
  },
  linkerd: {
    defaultOpaquePorts: parsePorts(facts.linkerd.appProtocols.defaultOpaquePorts),
    defaultSkipPorts: parsePorts(keys.find((k) => k.n === 'config.linkerd.io/skip-inbound-ports')?.def ?? ''),
    appProtocols: Object.keys(facts.linkerd.appProtocols.values),
    reservedPorts: Object.keys(facts.linkerd.reserved.ports).map(Number),
    proxyUid: facts.linkerd.reserved.proxyUid,
  },
  smi: {
    latest: facts.smi.status.latestReleasedApiVersions,
  },
};

writeFileSync(out, JSON.stringify(data, null, 0).replace(/\},\{"n"/g, '},\n{"n"') + '\n');
console.log(`wrote ${out}: ${keys.length} keys, ${(JSON.stringify(data).length / 1024).toFixed(1)} KiB`);
