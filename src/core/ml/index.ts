/** Dual logistic models: targets, training, evaluation, SHAP, signals and the saved model format. */
export * from './defaults';
export * from './targets';
export * from './dataset';
export * from './dates';
export * from './split';
export * from './logistic';
export * from './group-rows';
export * from './metrics';
export * from './shap';
export * from './signals';
export * from './model';
export * from './train';
export * from './predict';
export * from './experiment';
export * from './probability-distribution';
