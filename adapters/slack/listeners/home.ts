/**
 * @module adapters/slack/listeners/home — `app_home_opened` -> `views.publish` of the home tab.
 */
import type { App } from '@slack/bolt';
import { tenantFromContext } from '../context.js';
import { homeView, loadHome } from '../home.js';
import type { ListenerDeps } from './deps.js';

export function registerHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, context, body }) => {
    if (event.tab !== 'home') return;
    const tenantId = tenantFromContext(context, body);
    const data = await loadHome(deps.store, tenantId, event.user, deps.admins);
    await deps.client.views.publish({ user_id: event.user, view: homeView(data) });
  });
}
