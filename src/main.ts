import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';

mount(App, { target: document.getElementById('app')! });
// After the first render: this site's data feed and the refresh of fetched symbols (Settings > Data).
void import('./ui/data/upkeep').then((m) => m.keepDataCurrent());
