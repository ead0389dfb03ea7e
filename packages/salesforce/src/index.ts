export * from './names.js';
export * from './salesforce-map.js';
