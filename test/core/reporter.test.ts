/**
 * Job reporting: one progress message updated at most every 2 s plus a final update, then the
 * summary and files; retried with backoff when the platform fails; driven only by what is stored
 * with the job, so a restarted process reports the same way.
 */
import { describe, expect, it } from '@jest/globals';
import { createCore } from '../../src/core/create-core.js';
import type { Job, JobCounts } from '../../src/domain/types.js';
import type { IssuanceEngine, JobListener } from '../../src/issuance/engine.js';
import * as intake from '../../src/intake/index.js';
import { memoryLogger } from '../../src/log.js';
import * as render from '../../src/render/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RecordingPort, TENANT } from './fixtures.js';

/** The reporting side of an engine, driven by the test: it emits whatever job state the test gives. */
class ScriptedEngine implements Partial<IssuanceEngine> {
  progress: JobListener[] = [];
  finished: JobListener[] = [];
  onProgress(l: JobListener) {
    this.progress.push(l);
  }
  onFinished(l: JobListener) {
    this.finished.push(l);
  }
  async resultsCsv() {
    return Buffer.from('row,name,email,outcome,url_or_reason\r\n2,Ada,ada@example.org,issued,https://x/credentials/1\r\n');
  }
  async failedRowsCsv() {
    return Buffer.from('Name,Email,error\r\nBob,bad,invalid email\r\n');
  }
}

const progressRef = { conversation: { tenantId: TENANT, channelId: 'C1', threadId: '171.1' }, messageId: '171.2' };

function job(state: Job['state'], counts: Partial<JobCounts>): Job {
  return {
    id: 'abcdef12-0000-4000-8000-000000000000',
    tenantId: TENANT,
    groupId: 'g1',
    source: { kind: 'csv', fileId: 'F1', fileName: 'graduates.csv', contentHash: 'h' },
    startedBy: 'UADMIN',
    state,
    counts: { total: 100, processed: 0, issued: 0, skipped: 0, failed: 0, ...counts },
    createdAt: '2026-11-29T08:00:00.000Z',
    updatedAt: '2026-11-29T08:00:00.000Z',
    conversation: { conversation: progressRef.conversation, progress: progressRef, title: 'graduates.csv → Intro' },
  };
}

function setup() {
  const engine = new ScriptedEngine();
  const port = new RecordingPort();
  const now = { ms: Date.parse('2026-11-29T08:00:00.000Z') };
  const log = memoryLogger();
  const sleeps: number[] = [];
  const core = createCore({
    store: new MemoryStore(),
    engine: engine as unknown as IssuanceEngine,
    intake,
    render,
    ports: { slack: port },
    admins: [],
    publicBaseUrl: 'https://x',
    limits: { csvMaxBytes: 1000, csvMaxRows: 10 },
    clock: () => new Date(now.ms),
    random: Math.random,
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const progress = async (j: Job) => {
    for (const l of engine.progress) await l(j);
  };
  const finish = async (j: Job) => {
    for (const l of engine.finished) await l(j);
    await core.whenIdle();
  };
  return { engine, port, now, log, sleeps, core, progress, finish };
}

describe('job reporter', () => {
  it('updates the progress message at most once per 2 seconds, then once at the end', async () => {
    const s = setup();
    const start = s.now.ms;
    for (const [atMs, processed] of [[0, 10], [500, 20], [1900, 30], [2100, 40], [3000, 50], [4200, 60]] as const) {
      s.now.ms = start + atMs;
      await s.progress(job('running', { processed }));
    }
    await s.core.whenIdle();
    expect(s.port.updates.map((u) => u.message.text.match(/(\d+) of 100/)![1])).toEqual(['10', '40', '60']);
    await s.finish(job('done', { processed: 100, issued: 97, skipped: 2, failed: 1 }));
    const last = s.port.updates[s.port.updates.length - 1]!;
    expect(last.ref).toEqual(progressRef);
    expect(last.message.text).toMatch(/Finished: 100 of 100 rows processed/);
  });

  it('posts the summary, the results file and the failed-rows file in the job’s thread', async () => {
    const s = setup();
    await s.finish(job('done', { processed: 100, issued: 97, skipped: 2, failed: 1 }));
    const [summary] = s.port.posts;
    expect(summary!.ref.conversation).toEqual(progressRef.conversation);
    expect(summary!.message.text).toMatch(/^graduates\.csv → Intro: done\. 97 issued, 2 skipped, 1 failed\./);
    expect(summary!.message.text).toMatch(/Skipped rows already held this group’s credential/);
    expect(s.port.files.map((f) => [f.file.name, f.to.threadId])).toEqual([
      ['results-graduates-abcdef12.csv', '171.1'],
      ['failed-rows-graduates-abcdef12.csv', '171.1'],
    ]);
  });

  it('retries a summary the platform refused, with growing waits', async () => {
    const s = setup();
    s.port.failNext = 3; // the final progress update, then the summary twice
    await s.finish(job('done', { processed: 100, issued: 100 }));
    expect(s.port.posts.filter((p) => /100 issued/.test(p.message.text))).toHaveLength(1);
    expect(s.sleeps).toEqual([1000, 5000]);
    expect(s.log.lines.filter((l) => l.includes('retrying'))).toHaveLength(2);
  });

  it('gives up after the last retry, logs it, and still settles', async () => {
    const s = setup();
    s.port.failNext = 100;
    await s.finish(job('done', { processed: 100, issued: 100 }));
    expect(s.port.posts).toHaveLength(0);
    expect(s.sleeps).toEqual([1000, 5000, 15000, 60000, 1000, 5000, 15000, 60000]);
    expect(s.log.lines.some((l) => l.includes('could not post the job summary; it stays visible in status'))).toBe(true);
  });

  it('reports a job it did not start (after a restart) from what is stored with the job', async () => {
    const before = setup();
    const after = setup(); // a new process: nothing in memory about the job
    await after.finish(job('failed', { processed: 40, issued: 40 }));
    expect(before.port.posts).toHaveLength(0);
    expect(after.port.updates[0]!.ref).toEqual(progressRef);
    expect(after.port.posts[0]!.message).toMatchObject({ tone: 'error', text: expect.stringMatching(/^graduates\.csv → Intro: issuing stopped/) });
  });

  it('does not hand the engine a promise that waits out the retries', async () => {
    const s = setup();
    s.port.failNext = 100;
    const returned = s.engine.finished.map((l) => l(job('done', { processed: 1, issued: 1 })));
    expect(returned).toEqual([undefined]);
    await s.core.whenIdle();
  });
});
