/** One colour per status, the same in every chart (close to the status tags' severities). */
export const STATUS_COLORS = {
  delivered: '#16a34a',
  inTransit: '#3b82f6',
  queued: '#94a3b8',
  undelivered: '#f59e0b',
  expired: '#a855f7',
  rejected: '#ef4444',
  failed: '#991b1b',
  rate: '#0f172a',
} as const;

/** Chart.js options the portal wants everywhere: its fonts (Georgian labels), no animation on live refreshes. */
export function baseOptions(): Record<string, unknown> {
  const family = getComputedStyle(document.documentElement).getPropertyValue('--mt-font').trim() || undefined;
  const font = { family };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12, usePointStyle: true, font } },
      tooltip: { titleFont: font, bodyFont: font },
    },
  };
}

/** Axis fonts for charts with scales. */
export function axisFont(): { family: string | undefined } {
  return { family: getComputedStyle(document.documentElement).getPropertyValue('--mt-font').trim() || undefined };
}
