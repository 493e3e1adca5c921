/**
 * @module adapters/teams/form-store — forms waiting to be opened as dialogs. A Teams message
 * cannot open a dialog by itself: the bot posts an "Open" button, and `task/fetch` reads the form
 * back here. Also gives the submit handler the field types (toggles) and the form to redraw.
 */
import type { Form } from '../../src/core/ui.js';
import type { Store } from '../../src/store/port.js';

const TTL_SECONDS = 24 * 3600;
const key = (stateKey: string) => `teams-form:${stateKey}`;

export class FormStore {
  constructor(private readonly store: Store) {}

  /** Keeps the form; returns the key an "Open" button carries. */
  async put(tenant: string, form: Form): Promise<string> {
    await this.store.putState(tenant, key(form.stateKey), form, TTL_SECONDS);
    return form.stateKey;
  }

  get(tenant: string, stateKey: string): Promise<Form | undefined> {
    return this.store.getState<Form>(tenant, key(stateKey));
  }
}
