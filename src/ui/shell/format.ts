/** Human-readable durations and progress amounts for the job tray. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatAmount(value: number, unit?: string): string {
  if (unit === 'bytes') {
    if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB`;
    if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(0)} kB`;
    return `${value} B`;
  }
  return unit ? `${value.toLocaleString()} ${unit}` : value.toLocaleString();
}

/** What the Jobs button shows while jobs run: count or percent done, a bar fraction, and a sentence for screen readers. */
export function jobsButtonSummary(running: { label: string; done: number; total?: number }[]): { text: string; fraction?: number; spoken: string } | undefined {
  if (running.length === 0) return undefined;
  if (running.length > 1) return { text: String(running.length), spoken: `${running.length} jobs running` };
  const [job] = running;
  const fraction = job.total && job.total > 0 ? Math.min(1, job.done / job.total) : undefined;
  const percent = fraction === undefined ? undefined : `${Math.floor(fraction * 100)}%`;
  // The spoken text does not change with the percent, so a screen reader announces the job once.
  return { text: percent ?? '1', fraction, spoken: `${job.label} running` };
}
