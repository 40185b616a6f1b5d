/** The settings registry: every default of every area, with explanations, checks and the file format. */
export * from './types';
export * from './registry';
export * from './values';
