/** Kubernetes resource.Quantity parsing ("100m", "1.5", "128Mi", "1e3"), to numbers in base units. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export const QUANTITY_RE = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity's value in base units (cores, bytes), or undefined when it is not a valid quantity. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const num = parseFloat(m[1]);
  const suffix = m[2] ?? '';
  const sign = s.startsWith('-') ? -1 : 1;
  if (suffix in BINARY) return sign * num * BINARY[suffix];
  if (suffix in DECIMAL) return sign * num * DECIMAL[suffix];
  if (/^[eE]/.test(suffix)) return sign * num * 10 ** Number(suffix.slice(1));
  return undefined;
}
