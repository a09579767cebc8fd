// Types of chart-options.js (a browser module served as is), for the unit specs and editors.
import type { HeatmapModel, TrendModel } from './api.js';

/** Label lookups of i18n.js createLabels. */
export interface Labels {
  value(dimension: string, code: string | null): string;
  dimension(name: string): string;
}

/** An ECharts option object (only the members the specs read are typed). */
export interface ChartOption {
  xAxis: { data: string[] };
  series: Array<{ id: string; name?: string; data: unknown[]; markPoint?: { data: Array<{ name: string; coord: [number, number] }> } }>;
  [member: string]: unknown;
}

export function periodLabel(period: string, interval: string): string;
export function trendOption(trend: TrendModel, labels: Labels, text: (key: string) => string): ChartOption;
export function heatmapOption(heatmap: HeatmapModel, labels: Labels): ChartOption;
