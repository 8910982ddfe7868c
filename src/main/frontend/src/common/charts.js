import { init, use } from 'echarts/core'
import { BarChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

/**
 * ECharts with just the parts used (bar charts on a grid with tooltips, drawn on canvas). Pages import this module
 * lazily (import('@/common/charts')), so its chunk stays out of pages that do not draw.
 */
use([BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export function barChart(element, { labels, series, horizontal = false }) {
  const chart = init(element)
  const category = { type: 'category', data: labels }
  chart.setOption({
    color: ['#b3141a', '#1f6feb', '#2e7d32'],
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? {} : undefined,
    grid: { left: horizontal ? 120 : 48, right: 16, top: 24, bottom: 32 },
    xAxis: horizontal ? { type: 'value' } : category,
    yAxis: horizontal ? category : { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
  })
  const resize = () => chart.resize()
  window.addEventListener('resize', resize)
  const dispose = chart.dispose.bind(chart)
  chart.dispose = () => {
    window.removeEventListener('resize', resize)
    dispose()
  }
  return chart
}

/** Points on longitude/latitude axes (GCJ-02 as stored), named on hover: where the stores are, without map tiles. */
export function pointChart(element, points) {
  const chart = init(element)
  chart.setOption({
    color: ['#b3141a'],
    tooltip: { formatter: (p) => p.data.name },
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'value', scale: true, name: 'lng' },
    yAxis: { type: 'value', scale: true, name: 'lat' },
    series: [{ type: 'scatter', symbolSize: 12, data: points.map((p) => ({ name: p.name, value: [p.lng, p.lat] })) }],
  })
  return chart
}
