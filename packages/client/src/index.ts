export type {
  AutomationJob,
  AutomationRun,
  AutomationRunDetail,
  AutomationRunsClient,
  JobAttempt,
  JobStatus,
  Notification,
  NotificationList,
  NotificationQuery,
  NotificationsClient,
  RunAction,
  RunPage,
  RunQuery,
  RunStatus,
  RunTrigger,
} from './automation-client.js';
export type {
  BulkItemResult,
  ClientOptions,
  ListQuery,
  ListResult,
  ObjectClient,
  ObjectShape,
  ObjectTypes,
  TesseraClient,
} from './client.js';
export { createClient } from './client.js';
export type {
  DateOrder,
  DecimalSeparator,
  ExportQuery,
  ExportsClient,
  ImportFile,
  ImportJob,
  ImportMode,
  ImportOptions,
  ImportPreview,
  ImportRowError,
  ImportStatus,
  ImportsClient,
  RuleMode,
} from './imports-client.js';
export { importFinished } from './imports-client.js';
export type { PersonalViewsClient } from './list-views-client.js';
export type { FollowedChange, ListedRecord, MeClient, RecordListKind } from './me-client.js';
export type { ChangeOptions, MetadataChange, NamedDocumentClient } from './metadata-client.js';
export type { ProblemDetails } from './problem-error.js';
export { TesseraApiError } from './problem-error.js';
export type { SearchCall, SearchGroup, SearchHit, SearchOptions } from './search-client.js';
