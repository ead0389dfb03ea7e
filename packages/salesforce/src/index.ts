export type { ConversionResult, ConvertOptions } from './convert/convert-project.js';
export { convertProject } from './convert/convert-project.js';
export * from './data/index.js';
export { type ConversionDeployment, deployConversion } from './deploy-conversion.js';
export { SalesforceError, type SalesforceErrorCode } from './errors.js';
export * from './names.js';
export type { ItemStatus, MigrationReport, ReportItem } from './report.js';
export * from './salesforce-map.js';
export { EXTENSION_DIR, REPORT_FILE, writeConversion } from './write-conversion.js';
