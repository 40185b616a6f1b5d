/**
 * The linked price chart in real Chromium, at 1280 and 390 px: a backtest's trades on the candles with
 * their reasons on hover, and zooming the price pane moves the equity and drawdown panes with it; the
 * Data tab's symbol detail and the Overview's equity + position chart draw the same component.
 * The echarts instance is read through its element (Chart.svelte puts it there as `chart`).
 */
import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInBrowser, artifactsDir, openTab } from './support';

interface ChartState {
  xAxes: number;
  extents: number[][];
  zoom: { start: number; end: number; xAxisIndex: number[] }[];
  entries: number;
  exits: number;
}

/** Axis windows (first and last category shown), dataZoom and marker counts of the chart in `figure`. */
async function chartState(figure: Locator): Promise<ChartState> {
  return figure.locator('.chart-canvas').evaluate((el) => {
    type Axis = { axis: { scale: { getExtent(): number[] } } };
    const chart = (el as HTMLElement & { chart: { getOption(): Record<string, unknown[]>; getModel(): { getComponent(type: string, i: number): Axis } } }).chart;
    const option = chart.getOption();
    const series = option.series as { name: string; data: unknown[] }[];
    return {
      xAxes: option.xAxis.length,
      extents: option.xAxis.map((_, i) => chart.getModel().getComponent('xAxis', i).axis.scale.getExtent()),
      zoom: (option.dataZoom as { start: number; end: number; xAxisIndex: number[] }[]).map((z) => ({ start: z.start, end: z.end, xAxisIndex: z.xAxisIndex })),
      entries: series.find((s) => s.name === 'Entries')?.data.length ?? 0,
      exits: series.find((s) => s.name === 'Exits')?.data.length ?? 0,
    };
  });
}

async function shot(target: Locator, name: string): Promise<void> {
  await target.screenshot({ path: join(artifactsDir, 'screenshots', `${name}.png`) });
}

async function atPhoneWidth(page: Page, work: () => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.waitForTimeout(300); // charts follow their box's width
    await work();
  } finally {
    await page.setViewportSize({ width: 1280, height: 1000 });
  }
}

describe('linked price charts', () => {
  const app = appInBrowser({ viewport: { width: 1280, height: 1000 } });

  it('backtest: trades with reasons on the candles; zooming the price moves the equity and drawdown panes', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Backtest');
    await page.getByRole('checkbox', { name: 'SPX', exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const figure = page.getByRole('figure', { name: 'SPX: price, trades and equity' });
    await figure.locator('canvas').first().waitFor({ timeout: 120_000 });
    const before = await chartState(figure);
    // price, volume, equity, drawdown; 87 closed trades + 1 open (tests/fixtures/backtest reference)
    expect(before.xAxes).toBe(4);
    expect(before.entries).toBe(88);
    expect(before.exits).toBe(87);
    for (const z of before.zoom) expect(z.xAxisIndex).toEqual([0, 1, 2, 3]);

    // Zoom the price pane (the inside zoom under the pointer, as a wheel does) to a window of the first half.
    await figure.locator('.chart-canvas').evaluate((el) => {
      const chart = (el as HTMLElement & { chart: { dispatchAction(a: object): void } }).chart;
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 20, end: 22 });
    });
    const after = await chartState(figure);
    expect(after.zoom[0]).toMatchObject({ start: 20, end: 22 });
    const [price, , equity, drawdown] = after.extents;
    expect(price[1] - price[0]).toBeLessThan(before.extents[0][1] - before.extents[0][0]);
    expect(equity).toEqual(price);
    expect(drawdown).toEqual(price);

    // Hover an entry marker: its reason is in the tooltip.
    const reason = await figure.locator('.chart-canvas').evaluate(async (el) => {
      type Chart = { getOption(): { series: { name: string; data: { value: number[]; reason: string }[] }[] }; dispatchAction(a: object): void };
      const chart = (el as HTMLElement & { chart: Chart }).chart;
      const entries = chart.getOption().series.findIndex((s) => s.name === 'Entries');
      const first = chart.getOption().series[entries].data.findIndex((d) => d.value[0] > 0);
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 0, end: 100 });
      chart.dispatchAction({ type: 'showTip', seriesIndex: entries, dataIndex: first });
      await new Promise((r) => setTimeout(r, 200));
      return { expected: chart.getOption().series[entries].data[first].reason, shown: el.querySelector('.marker-reason')?.textContent ?? '' };
    });
    expect(reason.expected.length).toBeGreaterThan(0);
    expect(reason.shown).toContain(reason.expected);
    await figure.locator('.chart-canvas').evaluate((el) => (el as HTMLElement & { chart: { dispatchAction(a: object): void } }).chart.dispatchAction({ type: 'hideTip' }));
    await shot(figure, 'charts-backtest-desktop');
    await atPhoneWidth(page, () => shot(figure, 'charts-backtest-phone'));
    expect(app.browser.errors).toEqual([]);
  });

  it('data tab: the symbol detail shows the price chart, with RSI and MACD panes on demand', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Data');
    await page.getByRole('button', { name: 'SPX', exact: true }).click();
    const figure = page.getByRole('figure', { name: 'SPX price' });
    await figure.locator('canvas').first().waitFor({ timeout: 60_000 });
    expect((await chartState(figure)).xAxes).toBe(2); // price and volume
    const controls = page.getByRole('group', { name: 'Overlays and panes of SPX price' });
    await controls.getByLabel('RSI').check();
    await controls.getByLabel('MACD').check();
    await expect.poll(async () => (await chartState(figure)).xAxes).toBe(4);
    await shot(page.locator('.card', { has: figure }), 'charts-data-desktop');
    await atPhoneWidth(page, () => shot(page.locator('.card', { has: figure }), 'charts-data-phone'));
    expect(app.browser.errors).toEqual([]);
  });

  it('overview: the equity curve with the selected position price and its trades', async () => {
    const { page } = app.browser;
    await openTab(page, app.server.url, 'Overview');
    await page.getByLabel('Symbol').selectOption('SPX');
    await page.getByLabel('Shares').fill('3');
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.getByText(/Bought 3 SPX at/).waitFor();
    const figure = page.getByRole('figure', { name: "SPX with your trades and the portfolio's equity" });
    await figure.locator('canvas').first().waitFor({ timeout: 60_000 });
    const state = await chartState(figure);
    expect(state.xAxes).toBe(3); // price, equity, drawdown
    expect(state.entries).toBe(1);
    await shot(page.getByRole('region', { name: 'Equity and position price' }), 'charts-overview-desktop');
    await atPhoneWidth(page, () => shot(page.getByRole('region', { name: 'Equity and position price' }), 'charts-overview-phone'));
    expect(app.browser.errors).toEqual([]);
  });
});
