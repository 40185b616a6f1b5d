import type { Component } from 'svelte';

/** The dashboard's tabs, in display order. Each tab lazily loads its own component. */
export interface TabDefinition {
  id: string;
  label: string;
  load: () => Promise<{ default: Component }>;
}

export const tabs: TabDefinition[] = [
  { id: 'overview', label: 'Overview', load: () => import('./OverviewTab.svelte') },
  { id: 'data', label: 'Data', load: () => import('./DataTab.svelte') },
  { id: 'forecasts', label: 'Forecasts', load: () => import('./ForecastsTab.svelte') },
  { id: 'models', label: 'Models', load: () => import('./ModelsTab.svelte') },
  { id: 'backtest', label: 'Backtest', load: () => import('./BacktestTab.svelte') },
  { id: 'analytics', label: 'Analytics', load: () => import('./AnalyticsTab.svelte') },
  { id: 'settings', label: 'Settings', load: () => import('./SettingsTab.svelte') },
];
