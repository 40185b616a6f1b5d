/**
 * The echarts build the app uses: only the chart types and components we draw, so the lazily
 * loaded chunk stays small. Import this module dynamically (Chart.svelte does), never statically.
 */
import { init, use } from 'echarts/core';
import { BarChart, BoxplotChart, CandlestickChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart, BoxplotChart, CandlestickChart, HeatmapChart, LineChart, PieChart, ScatterChart,
  AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  MarkPointComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer,
]);

export { init };
