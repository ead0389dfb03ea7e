export { type SalesforceDataCode, SalesforceDataError } from './data-errors.js';
export { readMap, standardMap } from './data-map.js';
export {
  type LoadOptions,
  type LoadProgress,
  type LoadReport,
  loadSalesforceData,
  type ObjectReport,
  type RecordError,
} from './load-salesforce-data.js';
export { readDataFolder } from './read-data-folder.js';
export { isSalesforceId, toId18 } from './salesforce-id.js';
export type { DataSource } from './source-records.js';
