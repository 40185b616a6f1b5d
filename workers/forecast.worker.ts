/**
 * The forecast worker: onnxruntime-web sessions (WebGPU or WASM), the model file cache, forecasts and
 * evaluations, off the UI thread. The API lives in workers/forecast/api.ts.
 */
import { expose } from 'comlink';
import { forecastApi } from './forecast/api';

expose(forecastApi);
