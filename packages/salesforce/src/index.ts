export type { ConversionResult, ConvertOptions } from './convert/convert-project.js';
export { conversionPackage, convertProject } from './convert/convert-project.js';
export * from './data/index.js';
export { SalesforceError, type SalesforceErrorCode } from './errors.js';
export * from './names.js';
export type { ItemStatus, MigrationReport, ReportItem } from './report.js';
export * from './salesforce-map.js';
export { REPORT_FILE, writeConversion } from './write-conversion.js';
