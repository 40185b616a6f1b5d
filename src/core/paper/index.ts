/** Paper (mock) trading: journal replay, valuation, equity history, metrics, signals, files. */
export * from './types';
export * from './ledger';
export * from './append';
export * from './as-of';
export * from './orders';
export * from './valuation';
export * from './equity';
export * from './metrics';
export * from './signals';
export * from './journal-csv';
export * from './portfolio-file';
export * from './snapshot';
