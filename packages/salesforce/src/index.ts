export * from './data/index.js';
export * from './names.js';
export * from './salesforce-map.js';
