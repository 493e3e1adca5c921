/**
 * @module test/delivery/in-process-queue.test — the queue without Redis: an automatic delivery (queued by the
 * feed) queued again while it still waits or runs is not added twice, so its recipient gets one message; a
 * resend is always added.
 */
import { describe, expect, it } from '@jest/globals';
import { InProcessDeliveryQueue, type SendTask } from '../../src/delivery/queue.js';
import type { DeliveryTask } from '../../src/delivery/types.js';
import { memoryLogger } from '../../src/log.js';

describe('in-process delivery queue', () => {
  it('adds an automatic task once while it waits or runs, and a resend every time', async () => {
    const sent: string[] = [];
    let release = () => undefined as void;
    const running = new Promise<void>((r) => (release = r));
    const send: SendTask = async (task) => {
      sent.push(`${task.credentialId}/${task.channel}${task.automatic ? '' : ' (resend)'}`);
      if (task.credentialId === 'c1') await running;
      return 'done';
    };
    const queue = new InProcessDeliveryQueue(send, memoryLogger(), [], 1); // one at a time: c2 waits behind c1
    const auto = (credentialId: string, channel: DeliveryTask['channel'] = 'email'): DeliveryTask => ({ tenant: 't1', credentialId, channel, automatic: true });
    await queue.enqueue(auto('c1'));
    await queue.enqueue(auto('c2'));
    await queue.enqueue(auto('c1')); // running
    await queue.enqueue(auto('c2')); // waiting
    await queue.enqueue(auto('c2', 'chat')); // another channel: its own task
    await queue.enqueue({ tenant: 't1', credentialId: 'c2', channel: 'email' }); // a resend
    release();
    await queue.idle();
    expect(sent).toEqual(['c1/email', 'c2/email', 'c2/chat', 'c2/email (resend)']);

    await queue.enqueue(auto('c1')); // finished: added again (the send itself then finds its outcome recorded)
    await queue.idle();
    expect(sent).toHaveLength(5);
    await queue.close();
  });
});
