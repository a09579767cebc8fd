// Draws api.js's model with Apache ECharts, self-hosted from node_modules (src/dashboard/dashboard.module.ts).
// The options themselves are built in chart-options.js (pure, unit-tested).
import * as echarts from '/dashboard/vendor/echarts/echarts.esm.min.mjs';

/** Draws `option` into `element`, replacing what was there (one ECharts instance per element). */
export function renderChart(element, option) {
  const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption(option, { notMerge: true });
  return chart;
}

/** Frees the element's chart, if any (when a section switches to its "needs API v2" state). */
export function disposeChart(element) {
  echarts.getInstanceByDom(element)?.dispose();
}

/** Keeps charts sized to their containers. */
export function resizeCharts(elements) {
  for (const element of elements) echarts.getInstanceByDom(element)?.resize();
}
