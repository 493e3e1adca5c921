/**
 * @module delivery/deliver — sends one credential on one channel and records what happened. Email: the
 * group's template, the badge inline, the certificate attached, the link; chat: a direct message when the
 * recipient's email belongs to a workspace member. Failures that may pass are retried by the queue; the
 * last one is recorded as `failed` with the server's last reply.
 */
import type { ChatPort, ConversationRef } from '../core/chat-port.js';
import { platformOf } from '../core/deps.js';
import type { DeliveryOutcome } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/port.js';
import { badgePng, certificateFileName, certificatePdf, loadBundle, type CredentialBundle } from './artifacts.js';
import { credentialDirectMessage } from './chat-message.js';
import { BADGE_CID, fillEmail } from './email-template.js';
import type { SendTask } from './queue.js';
import type { EmailSender, OutgoingEmail } from './smtp-sender.js';
import { WaitCancelled, type TokenBucket } from './token-bucket.js';
import type { DeliveryConfig, DeliveryTask } from './types.js';

export interface DelivererEnv {
  store: Store;
  config: DeliveryConfig;
  ports: Partial<Record<string, ChatPort>>;
  log: Logger;
  clock: () => Date;
  /** Undefined when no mail server is configured. */
  sender?: EmailSender;
  emailRate: TokenBucket;
  chatRate: TokenBucket;
  /** Aborted when delivery stops: a send still waiting for its rate slot is handed back to the queue unsent. */
  stopping?: AbortSignal;
}

type Attempt = { outcome: DeliveryOutcome; detail?: string } | { retry: string };

function retryUnlessCancelled(err: unknown): Attempt {
  if (err instanceof WaitCancelled) throw err;
  return { retry: (err as Error).message };
}

/** The email of one credential; a badge or certificate that cannot be drawn is left out, not the email. */
export async function composeEmail(bundle: CredentialBundle, config: DeliveryConfig, log: Logger): Promise<OutgoingEmail> {
  const { credential, group } = bundle;
  const [badge, certificate] = await Promise.all([
    badgePng(bundle, log).catch((err) => void log.warn('badge image left out of an email', { credentialId: credential.id, error: (err as Error).message })),
    certificatePdf(bundle, log).catch((err) => void log.warn('certificate left out of an email', { credentialId: credential.id, error: (err as Error).message })),
  ]);
  const filled = fillEmail({ group, values: bundle.values, link: bundle.link, withBadge: Boolean(badge), courseName: group.courseName, language: group.language });
  return {
    to: { name: credential.recipient.name, address: credential.recipient.email },
    ...filled,
    ...(config.ISSUER_EMAIL ? { replyTo: config.ISSUER_EMAIL } : {}),
    attachments: [
      ...(badge ? [{ filename: 'badge.png', content: badge, contentType: 'image/png', cid: BADGE_CID, contentDisposition: 'inline' as const }] : []),
      ...(certificate ? [{ filename: certificateFileName(credential.recipient.name), content: certificate, contentType: 'application/pdf' }] : []),
    ],
    headers: { 'X-Credbot-Credential': credential.id },
  };
}

async function sendEmail(env: DelivererEnv, bundle: CredentialBundle): Promise<Attempt> {
  if (!env.sender) return { outcome: 'skipped', detail: 'no mail server is configured (SMTP_HOST)' };
  const email = await composeEmail(bundle, env.config, env.log);
  await env.emailRate.take(env.stopping);
  const result = await env.sender.send(email);
  if (result.outcome === 'retry') return { retry: result.reply };
  return result.outcome === 'sent' ? { outcome: 'sent' } : { outcome: 'refused', detail: result.reply };
}

async function sendChat(env: DelivererEnv, tenant: string, bundle: CredentialBundle): Promise<Attempt> {
  const port = env.ports[platformOf(tenant)];
  if (!port?.findUserByEmail || !port.sendDirect) return { outcome: 'skipped', detail: `${port?.name ?? 'this platform'} cannot look up members by email` };
  const job = bundle.credential.jobId ? await env.store.getJob(tenant, bundle.credential.jobId) : undefined;
  const near = job?.conversation as ConversationRef | undefined;
  try {
    const user = await port.findUserByEmail(tenant, bundle.credential.recipient.email, near);
    if (!user) return { outcome: 'skipped', detail: 'not a member of the workspace' };
    await env.chatRate.take(env.stopping);
    await port.sendDirect(tenant, user, credentialDirectMessage(bundle, env.config.publicBaseUrl, env.config.ISSUER_NAME));
    return { outcome: 'sent' };
  } catch (err) {
    if (err instanceof WaitCancelled) throw err;
    return { retry: (err as Error).message.slice(0, 300) };
  }
}

/**
 * The queue's send function: one attempt, its outcome recorded before it returns; or `stopped`, nothing
 * sent nor recorded, when delivery stopped while the attempt waited for its rate slot.
 */
export function createSendTask(env: DelivererEnv): SendTask {
  return async (task, attempt, last) => {
    try {
      return await attemptOnce(env, task, attempt, last);
    } catch (err) {
      if (err instanceof WaitCancelled) return 'stopped';
      throw err;
    }
  };
}

async function attemptOnce(env: DelivererEnv, task: DeliveryTask, attempt: number, last: boolean): Promise<'done' | 'retry'> {
  const record = (outcome: DeliveryOutcome, detail?: string) =>
    env.store.putDelivery(task.tenant, { credentialId: task.credentialId, channel: task.channel, outcome, ...(detail ? { detail } : {}), attempts: attempt, at: env.clock().toISOString() });
  const fields = { credentialId: task.credentialId, channel: task.channel, attempt };
  if (task.automatic) {
    // A copy queued late by a slow process, after this channel's task had run and left the queue: never twice.
    const prior = (await env.store.getDeliveries(task.tenant, [task.credentialId])).find((r) => r.channel === task.channel);
    if (prior && prior.outcome !== 'queued') {
      env.log.info('delivery already recorded: not sent again', { ...fields, outcome: prior.outcome });
      return 'done';
    }
  }
  const bundle = await loadBundle(env.store, task.tenant, task.credentialId, env.config.ISSUER_NAME, env.config.publicBaseUrl);
  let result: Attempt;
  if (!bundle) result = { outcome: 'skipped', detail: 'the credential or its group no longer exists' };
  else if (bundle.credential.status === 'revoked') result = { outcome: 'skipped', detail: 'the credential was revoked before it was sent' };
  else result = task.channel === 'email' ? await sendEmail(env, bundle).catch(retryUnlessCancelled) : await sendChat(env, task.tenant, bundle);
  if ('retry' in result) {
    if (last) {
      await record('failed', `not delivered after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${result.retry}`);
      env.log.warn('delivery failed', { ...fields, reason: result.retry });
      return 'done';
    }
    await record('queued', `attempt ${attempt} failed (${result.retry}); trying again later`);
    env.log.info('delivery will be retried', { ...fields, reason: result.retry });
    return 'retry';
  }
  await record(result.outcome, result.detail);
  env.log.info('delivery recorded', { ...fields, outcome: result.outcome });
  return 'done';
}
