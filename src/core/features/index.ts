/** Features: 0/1 columns built from indicators (seed features and user compositions). */
export * from './operands';
export * from './composed-feature';
export * from './seed-features';
export * from './feature-set';
export * from './indicator-table';
