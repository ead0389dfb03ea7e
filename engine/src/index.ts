export { type Access, accessFor, type RecordAction } from './access/access.js';
export { type Subject, SYSTEM_SUBJECT } from './access/subject.js';
export type { AutomationScheduler } from './automations/scheduler.js';
export * from './errors.js';
export {
  checkFormat,
  type ExportCaller,
  type ExportOptions,
  type PreparedExport,
  prepareExport,
} from './exports/export-records.js';
export { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from './exports/sinks.js';
export type { FieldType, FilterOperator } from './fields/field-types.js';
export { FIELD_TYPES } from './fields/field-types.js';
export { isTimeZone } from './formulas/formula-clock.js';
export type { AuditEntry } from './identity/audit.js';
export type { FieldChange } from './identity/field-history.js';
export { SESSION_TTL_MS } from './identity/sessions.js';
export type { Share } from './identity/shares.js';
export {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  type SignInAttempt,
  SignInThrottle,
  type ThrottleLimit,
} from './identity/sign-in-throttle.js';
export type { TokenInfo } from './identity/tokens.js';
export { DIRECTORY_LIMITS, type DirectoryQuery, type UserSummary } from './identity/user-directory.js';
export { checkNewUser, subjectOf, type User } from './identity/users.js';
export type {
  CellFormats,
  ColumnMappingView,
  DateOrder,
  DecimalSeparator,
  ImportFile,
  ImportFormat,
  ImportJobs,
  ImportMode,
  ImportOptions,
  ImportProgress,
  ImportRowError,
  ImportRunnerControl,
  ImportStatus,
  ImportView,
  RuleMode,
  TextEncoding,
} from './imports/import-types.js';
export { openTable, type TableRow, type TableSource } from './imports/table-source.js';
export {
  buildPermissionSetMetaSchema,
  buildRoleMetaSchema,
  PERMISSION_SET_META_SCHEMA_ID,
  ROLE_META_SCHEMA_ID,
} from './metadata/access-meta-schemas.js';
export {
  AUTOMATION_ACTION_TYPES,
  AUTOMATION_LIMITS,
  AUTOMATION_META_SCHEMA_ID,
  type AutomationActionType,
  buildAutomationMetaSchema,
  RECORD_EVENTS,
} from './metadata/automation-meta-schema.js';
export type { DocumentChange } from './metadata/diff-documents.js';
export {
  type DocumentKind,
  NAMED_KINDS,
  type NamedDocument,
  type NamedKind,
  namedDocuments,
} from './metadata/document-kinds.js';
export { localize } from './metadata/localized-text.js';
export { mergeDocuments } from './metadata/merge-documents.js';
export { buildObjectMetaSchema, OBJECT_META_SCHEMA_ID } from './metadata/meta-schema.js';
export { RESERVED_PREFIXES, reservedReason } from './metadata/names.js';
export {
  buildDuplicateRuleMetaSchema,
  buildValidationRuleMetaSchema,
  DUPLICATE_RULE_META_SCHEMA_ID,
  VALIDATION_RULE_META_SCHEMA_ID,
} from './metadata/rule-meta-schema.js';
export * from './metadata/types.js';
export { validateDocuments } from './metadata/validate-documents.js';
export {
  buildLayoutMetaSchema,
  buildListViewMetaSchema,
  LAYOUT_META_SCHEMA_ID,
  LIST_VIEW_META_SCHEMA_ID,
} from './metadata/view-meta-schemas.js';
export {
  followFieldChange,
  followObjectDeletion,
  type ViewFieldChange,
} from './metadata/view-references.js';
export { planMigration } from './migrate/plan.js';
export type { PurgedPart } from './migrate/purged-parts.js';
export type { MigrationPlan, MigrationStep } from './migrate/steps.js';
export type { CompiledField, CompiledModel, CompiledObject } from './model/compiled-model.js';
export { compileModel } from './model/compiled-model.js';
export { type Mail, type Mailer, mailerFromEnv, smtpMailer } from './notifications/mailer.js';
export { type Notification, type NotificationPage, Notifications } from './notifications/notifications.js';
export { type NotifyPayload, notifyExecutor } from './notifications/notify-executor.js';
export { extensionName } from './packages/object-extensions.js';
export {
  type InstallResult,
  installPackage,
  objectPackages,
  type PackageOptions,
  type PackageSummary,
  packageSummaries,
  packageSummary,
  type UninstallResult,
  uninstallPackage,
} from './packages/package-installer.js';
export { checkManifest, MANIFEST_FILE, type PackageManifest } from './packages/package-manifest.js';
export type { CustomizationKept, InstallAction, PackageSource } from './packages/plan-install.js';
export type { SeedFile } from './packages/seed-files.js';
export {
  PERSONAL_VIEW_LIMIT,
  PersonalListViews,
} from './personal-views/personal-list-views.js';
export type { Clock } from './queue/clock.js';
export { SYSTEM_CLOCK } from './queue/clock.js';
export {
  type ClaimedJob,
  type JobContext,
  type JobExecutor,
  PermanentJobError,
} from './queue/job-executor.js';
export { JobWorker, type JobWorkerOptions } from './queue/job-worker.js';
export type { JobStatus, RunStatus, RunTrigger } from './queue/queue-tables.js';
export {
  cancelJobs,
  type JobInput,
  type RecordedRun,
  type RunInput,
  recordRuns,
} from './queue/record-runs.js';
export { DEFAULT_RETENTION_MS } from './queue/retention.js';
export { retryDead } from './queue/retry-dead.js';
export { ATTEMPTS_PER_JOB, RETRY_DELAYS_MS } from './queue/retry-schedule.js';
export type { RunAction } from './queue/run-actions.js';
export {
  getRun,
  listRuns,
  type RunDetail,
  type RunFilter,
  type RunListOptions,
  type RunPage,
  type RunSummary,
} from './queue/run-history.js';
export { isPrivateAddress } from './queue/webhook/public-address.js';
export {
  WEBHOOK_TIMEOUT_MS,
  type WebhookEvent,
  type WebhookOptions,
  type WebhookPayload,
  webhookExecutor,
} from './queue/webhook/webhook-executor.js';
export { signatureHeader, verifySignature } from './queue/webhook/webhook-signature.js';
export type { DuplicateWarning } from './records/duplicate-rules.js';
export { DEFAULT_LOCALITY, type Locality } from './records/locality.js';
export { PAGE_JSON_BUDGET } from './records/page-budget.js';
export type {
  BulkRequest,
  BulkResult,
  ListOptions,
  Page,
  PageOptions,
  RecordData,
  WriteContext,
} from './records/record-api.js';
export { BULK_LIMIT, type RecordApi } from './records/record-api.js';
export type { RecordChange, WriteOperation } from './records/write/record-change.js';
export type {
  AfterSaveContext,
  BeforeSaveContext,
  BeforeSavePatch,
  PendingWrite,
  WriteHooks,
} from './records/write/write-hooks.js';
export {
  SEARCH_LIMITS,
  type SearchGroup,
  type SearchHit,
  type SearchQuery,
} from './search/search-records.js';
export type { DialectName } from './storage/column-type.js';
export { listWorkspaces, SQLITE_SUFFIX, sqliteFiles } from './storage/list-workspaces.js';
export { type StorageOptions, WORKSPACE_NAME } from './storage/open-storage.js';
export {
  replacingWorkspaceSchema,
  serverMajorVersion,
  withExportedSnapshot,
  withPostgresDatabase,
} from './storage/postgres/postgres-database.js';
export { backupSqliteFile, sqliteProblems } from './storage/sqlite/sqlite-backup.js';
export type { Storage } from './storage/storage.js';
export type { VersionInfo } from './store/metadata-store.js';
export {
  type FollowedChange,
  isUserRecordKind,
  USER_RECORD_KINDS,
  type UserRecord,
  type UserRecordKind,
  UserRecords,
} from './user-records/user-records.js';
export { countNoun } from './util/english.js';
export { neutralize } from './util/spreadsheet-escape.js';
export type { DeployOptions, DeployResult, PurgeOptions, PurgeResult, TrashEntry } from './workspace.js';
export { Workspace } from './workspace.js';
