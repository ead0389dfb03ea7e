/** Whether the server keeps answering while one request does something expensive. */
import type { TestApi, TestResponse } from './server.js';

/**
 * Sends `hostile`, then at once asks `/health`: how long the health answer took from the moment the hostile
 * request went out (the server runs in this process, so a blocked event loop delays both), and the hostile
 * request's own answer.
 */
export async function healthWhile(
  api: TestApi,
  hostile: () => Promise<TestResponse>,
): Promise<{ healthMs: number; response: TestResponse }> {
  const sent = performance.now();
  const pending = hostile();
  const health = await api.call('GET', '/api/v1/health');
  const healthMs = performance.now() - sent;
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
  return { healthMs, response: await pending };
}
