/** Small numeric helpers shared by the load worker and the benchmark driver. */

export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentile of an ascending array (q in 0..100). */
export const percentile = (sorted: ArrayLike<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
};

export const summarize = (values: ArrayLike<number>): Summary => {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
  };
};

/** Mean of per-invocation durations rounded up to whole milliseconds, as Lambda bills them. */
export const billedMeanMs = (durationsMs: ArrayLike<number>): number => {
  if (durationsMs.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < durationsMs.length; i++) sum += Math.max(1, Math.ceil(durationsMs[i] as number));
  return sum / durationsMs.length;
};

export const round = (v: number, digits = 3): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
