/** What middleware puts on a request's context, typed once for every route. */
import type { Workspace } from '@tessera/engine';
import type { Principal } from '../auth/principal.js';
import type { ClientView } from './client-view.js';
import type { Logger } from './logger.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    client: ClientView;
    log: Logger;
    principal: Principal;
    workspace: Workspace;
  };
}
