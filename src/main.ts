import { mount } from 'svelte';
import { getQuantDb } from './store/db';
import { seedDemoFromSite } from './store/demo';
import App from './ui/App.svelte';
import './ui/app.css';

// App start-up: on a first start the demo data is imported before the views open, so every view sees it
// (opening the database itself never writes). A database that cannot open is reported by the views.
getQuantDb()
  .then(seedDemoFromSite)
  .catch(() => undefined)
  .finally(() => {
    mount(App, { target: document.getElementById('app')! });
    // After the first render: this site's data feed and the refresh of fetched symbols (Settings > Data).
    void import('./ui/data/upkeep').then((m) => m.keepDataCurrent());
  });
