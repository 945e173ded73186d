/**
 * Path geometry for the inline SVG sparklines. Points are per-day rates, so the oldest bucket, which is usually
 * shorter than the rest, does not read as a dip.
 * @module
 */

export interface SparkPoint {
  days: number;
  itemCount: number;
  negativeCount: number;
}

export interface SparklineGeometry {
  volumeArea: string;
  volumeLine: string;
  negativeArea: string;
  /** Rate of the newest point against the mean of the others; `null` when there is nothing to compare with. */
  trend: "rising" | "falling" | "flat" | null;
}

/** Areas and a line for volume and negatives, scaled to fill `width` × `height` with a 1-unit margin. */
export function sparklineGeometry(series: readonly SparkPoint[], width: number, height: number): SparklineGeometry {
  const volume = series.map((p) => (p.days > 0 ? p.itemCount / p.days : 0));
  const negative = series.map((p) => (p.days > 0 ? p.negativeCount / p.days : 0));
  // A single bucket still draws as a flat line across the box.
  if (volume.length === 1) {
    volume.push(volume[0] ?? 0);
    negative.push(negative[0] ?? 0);
  }
  const max = Math.max(...volume, 0);
  const x = (i: number) => round((i / Math.max(1, volume.length - 1)) * width);
  const y = (v: number) => round(height - 1 - (max > 0 ? v / max : 0) * (height - 2));
  const line = (values: number[]) => values.map((v, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(v)}`).join("");
  const area = (values: number[]) => `${line(values)}L${x(values.length - 1)},${height}L0,${height}Z`;
  return {
    volumeArea: area(volume),
    volumeLine: line(volume),
    negativeArea: area(negative),
    trend: trendOf(volume),
  };
}

function trendOf(values: number[]): SparklineGeometry["trend"] {
  if (values.length < 3) return null;
  const latest = values[values.length - 1] ?? 0;
  const earlier = values.slice(0, -1);
  const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
  if (mean === 0) return latest > 0 ? "rising" : "flat";
  const change = (latest - mean) / mean;
  return change > 0.2 ? "rising" : change < -0.2 ? "falling" : "flat";
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
