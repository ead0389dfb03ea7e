export type { AppOptions } from './app.js';
export { API_BASE, createApp } from './app.js';
export type { AdminToken } from './auth/admin-token.js';
export { ADMIN_TOKEN_FILE, resolveAdminToken } from './auth/admin-token.js';
export { hashToken, newToken } from './auth/tokens.js';
export type { Logger } from './http/logger.js';
export { jsonLogger, silentLogger } from './http/logger.js';
export type { RunningServer, ServerOptions } from './server.js';
export { startServer } from './server.js';
