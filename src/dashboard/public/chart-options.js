// Apache ECharts options for the trend chart and the heatmap, built from api.js's model (pure; chart-options.d.ts).
// Tooltips render on the canvas ('richText') because the page's Content-Security-Policy refuses the inline style
// attributes of HTML tooltips.

/** A bucket start (YYYY-MM-DD) as the axis shows it for the interval. */
export function periodLabel(period, interval) {
  if (interval === 'year') return period.slice(0, 4);
  if (interval === 'quarter') return `${period.slice(0, 4)} Q${Math.floor(Number(period.slice(5, 7)) / 3) + 1}`;
  if (interval === 'month') return period.slice(0, 7);
  return period;
}

/** Stacked bars, one series per group of `trend.dimension`, surge signals as pins on their bucket. */
export function trendOption(trend, labels, text) {
  return {
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 64 },
    xAxis: { type: 'category', data: trend.periods.map((period) => periodLabel(period, trend.interval)) },
    yAxis: { type: 'value', minInterval: 1, name: text('total') },
    dataZoom: trend.periods.length > 36 ? [{ type: 'slider', bottom: 8 }] : [],
    series: trend.series.map((series) => {
      const surges = trend.surges.filter((surge) => surge.key === series.key);
      return {
        id: series.key,
        name: labels.value(trend.dimension, series.key),
        type: 'bar',
        stack: 'total',
        emphasis: { focus: 'series' },
        data: series.counts,
        markPoint: surges.length
          ? { symbol: 'pin', label: { formatter: '!' }, data: surges.map((surge) => ({ name: text('surge'), coord: [surge.periodIndex, stackTop(trend, series.key, surge.periodIndex)] })) }
          : undefined,
      };
    }),
  };
}

// Height of the stack up to and including `key` in one bucket, where a surge pin sits.
function stackTop(trend, key, periodIndex) {
  let top = 0;
  for (const series of trend.series) {
    top += series.counts[periodIndex];
    if (series.key === key) break;
  }
  return top;
}

/** Heatmap of summed counts: harm types across, sectors down. */
export function heatmapOption(heatmap, labels) {
  const max = Math.max(1, ...heatmap.cells.map((cell) => cell[2]));
  return {
    aria: { enabled: true },
    animation: false,
    tooltip: { renderMode: 'richText' },
    grid: { left: 160, right: 24, top: 16, bottom: 120 },
    xAxis: { type: 'category', data: heatmap.columns.map((code) => labels.value(heatmap.columnDimension, code)), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'category', data: heatmap.rows.map((code) => labels.value(heatmap.rowDimension, code)) },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [{ id: 'sector-harm', type: 'heatmap', data: heatmap.cells, label: { show: true } }],
  };
}
