/**
 * @module test/issuance/engine.test — the engine end to end on both stores (memory, and the real
 * Redis with BullMQ): counts, stored credentials, the results and failed-rows files, idempotent
 * starts, duplicates across jobs, formula injection, form jobs.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { TenantId } from '../../src/domain/types.js';
import type { FormJobRequest } from '../../src/issuance/engine.js';
import { BASE, cleanupRedis, group, makeHarness, serveWeb, tenantOf, uploadCsv, waitForJob, type Harness } from './harness.js';

const CSV = [
  'Name,Email,Grade',
  'Ann Lee,ann@example.org,A',
  'Bob Stone,not-an-email,=1+1',
  ',carl@example.org,C',
  '"=HYPERLINK(""http://evil.example"",""x"")",dora@example.org,A',
  'Eve Park,eve@example.org,B',
  'Fay Ann,ANN@example.org ,B',
].join('\r\n');

const csvRows = (buf: Buffer) => parse(buf.toString('utf8'), { columns: true }) as Record<string, string>[];

describe.each(['memory', 'redis'] as const)('issuance engine with the %s store', (kind) => {
  const tenants: TenantId[] = [];
  const credentialIds: string[] = [];
  const harnesses: Harness[] = [];
  const setup = async (label: string, groupOver = {}) => {
    const h = makeHarness(kind);
    harnesses.push(h);
    const tenantId = tenantOf(label);
    tenants.push(tenantId);
    await h.store.putGroup(group(tenantId, 'g1', groupOver));
    return { h, tenantId };
  };
  const remember = async (h: Harness, tenantId: TenantId, jobId: string) => {
    for (const r of await h.engine.rows(tenantId, jobId)) if (r.credentialId) credentialIds.push(r.credentialId);
  };

  afterAll(async () => {
    for (const h of harnesses) await h.close();
    if (kind === 'redis') await cleanupRedis(tenants, credentialIds, harnesses.map((h) => h.prefix));
  });

  it('with the row count from a preview, reports the total from its first progress on and issues the same', async () => {
    const { h, tenantId } = await setup('counted');
    const src = await uploadCsv(h.store, tenantId, CSV);
    const seen: number[] = [];
    h.engine.onProgress((j) => void (j.tenantId === tenantId && seen.push(j.counts.total)));
    const { job } = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src, totalRows: 6 });
    expect(job.counts.total).toBe(6); // known before any row is read
    const done = await waitForJob(h.store, tenantId, job.id);
    await remember(h, tenantId, job.id);
    expect(done.counts).toEqual({ total: 6, processed: 6, issued: 3, skipped: 1, failed: 2 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => t === 6)).toBe(true);
  });

  it('issues the good rows, fails the bad ones with their reason, and skips a second credential to the same email', async () => {
    const { h, tenantId } = await setup('mixed');
    const src = await uploadCsv(h.store, tenantId, CSV);
    const { job, created } = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    expect(created).toBe(true);
    const done = await waitForJob(h.store, tenantId, job.id);
    await remember(h, tenantId, job.id);
    expect(done.state).toBe('done');
    expect(done.counts).toEqual({ total: 6, processed: 6, issued: 3, skipped: 1, failed: 2 });

    const rows = await h.engine.rows(tenantId, job.id);
    expect(rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'issued'], [3, 'failed'], [4, 'failed'], [5, 'issued'], [6, 'issued'], [7, 'skipped'],
    ]);
    const ann = rows[0]!;
    expect(ann.url).toBe(`${BASE}/credentials/${ann.credentialId}`);
    expect(rows[1]!.reason).toMatch(/Row 3, column "Email"/);
    expect(rows[2]!.reason).toMatch(/Row 4, column "Name": the name is missing/);
    expect(rows[5]!.reason).toBe(`already holds this credential (${ann.credentialId})`);

    const stored = await h.store.getCredential(tenantId, ann.credentialId!);
    expect(stored).toMatchObject({ groupId: 'g1', jobId: job.id, recipient: { name: 'Ann Lee', email: 'ann@example.org' }, attributes: { grade: 'A' }, status: 'issued' });
    expect(await h.store.countCredentials(tenantId, 'g1')).toBe(3);
    const verified = await h.credentials.verify(stored!.signed);
    expect(verified).toMatchObject({ status: 'valid', signatureValid: true, revoked: false });

    const results = csvRows(await h.engine.resultsCsv(tenantId, job.id));
    expect(results).toHaveLength(6);
    expect(Object.keys(results[0]!)).toEqual(['row', 'name', 'email', 'outcome', 'credential_url', 'reason']);
    expect(results[1]).toMatchObject({ row: '3', name: 'Bob Stone', email: 'not-an-email', outcome: 'failed', credential_url: '' });
    expect(results[0]).toMatchObject({ row: '2', name: 'Ann Lee', outcome: 'issued', credential_url: ann.url });

    const failed = csvRows((await h.engine.failedRowsCsv(tenantId, job.id))!);
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ Name: 'Bob Stone', Email: 'not-an-email', Grade: "'=1+1" });
    expect(failed[0]!.error).toMatch(/Row 3, column "Email"/);
    expect(failed[1]).toMatchObject({ Name: '', Email: 'carl@example.org', Grade: 'C' });
  });

  it('neutralizes spreadsheet formulas in every file it hands back', async () => {
    const { h, tenantId } = await setup('formula');
    const src = await uploadCsv(h.store, tenantId, CSV);
    const { job } = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    await waitForJob(h.store, tenantId, job.id);
    await remember(h, tenantId, job.id);
    const text = (await h.engine.resultsCsv(tenantId, job.id)).toString('utf8');
    const lines = text.split('\r\n');
    // Row 5's name starts with "=": the cell starts with a quote mark, so no spreadsheet evaluates it.
    expect(lines[4]).toMatch(/^5,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",dora@example\.org,issued,/);
    const cells = csvRows(Buffer.from(text)).flatMap((r) => Object.values(r));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('starting the same CSV for the same group twice issues nothing the second time and returns the first job', async () => {
    const { h, tenantId } = await setup('twice');
    const src = await uploadCsv(h.store, tenantId, CSV);
    const first = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    const second = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U2', ...src });
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.job.id);
    await waitForJob(h.store, tenantId, first.job.id);
    const third = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    expect(third).toMatchObject({ created: false, job: { id: first.job.id, state: 'done' } });
    await remember(h, tenantId, first.job.id);
    expect(await h.store.countCredentials(tenantId, 'g1')).toBe(3);
    expect(await h.engine.listJobs(tenantId, 10)).toHaveLength(1);
  });

  it('skips recipients who already hold the credential from an earlier job, when the group allows no duplicates', async () => {
    const { h, tenantId } = await setup('dups');
    const a = await uploadCsv(h.store, tenantId, 'Name,Email\nAnn Lee,ann@example.org\nBo Chen,bo@example.org\n');
    const b = await uploadCsv(h.store, tenantId, 'Full name,E-mail address\nAnn L.,Ann@Example.org\nCy Diaz,cy@example.org\n');
    const j1 = (await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...a })).job;
    await waitForJob(h.store, tenantId, j1.id);
    const j2 = (await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...b })).job;
    const done = await waitForJob(h.store, tenantId, j2.id);
    await remember(h, tenantId, j1.id);
    await remember(h, tenantId, j2.id);
    expect(done.counts).toMatchObject({ issued: 1, skipped: 1, failed: 0 });
    const annFirst = (await h.engine.rows(tenantId, j1.id))[0]!;
    const [annAgain] = await h.engine.rows(tenantId, j2.id);
    expect(annAgain).toMatchObject({ outcome: 'skipped', reason: `already holds this credential (${annFirst.credentialId})` });
    expect(await h.engine.failedRowsCsv(tenantId, j2.id)).toBeUndefined();
  });

  it('issues a second credential to the same email when the group allows duplicates', async () => {
    const { h, tenantId } = await setup('allowdup', { allowDuplicates: true });
    const a = await uploadCsv(h.store, tenantId, 'Name,Email\nAnn Lee,ann@example.org\nAnn Lee,ann@example.org\n');
    const j = (await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...a })).job;
    const done = await waitForJob(h.store, tenantId, j.id);
    await remember(h, tenantId, j.id);
    expect(done.counts).toMatchObject({ issued: 2, skipped: 0 });
  });

  it('issues from a form, once per submission, and reports progress and the end to listeners', async () => {
    const { h, tenantId } = await setup('form');
    const progress: number[] = [];
    const finished: string[] = [];
    h.engine.onProgress((j) => void progress.push(j.counts.processed));
    h.engine.onFinished((j) => void finished.push(j.id));
    const req: FormJobRequest = {
      tenantId, groupId: 'g1', startedBy: 'U1', submissionId: 'form-1', issuedOn: '2026-06-01',
      recipients: [
        { recipient: { name: 'Ann Lee', email: 'ann@example.org' }, attributes: { grade: 'A' } },
        { recipient: { name: 'Bob', email: 'bob@@example.org' }, attributes: {} },
        ...Array.from({ length: 5 }, (_, i) => ({ recipient: { name: `P ${i}`, email: `p${i}@example.org` }, attributes: {} })),
      ],
    };
    const { job } = await h.engine.startFormJob(req);
    const again = await h.engine.startFormJob(req);
    expect(again).toMatchObject({ created: false, job: { id: job.id } });
    const done = await waitForJob(h.store, tenantId, job.id);
    await remember(h, tenantId, job.id);
    expect(done.counts).toEqual({ total: 7, processed: 7, issued: 6, skipped: 0, failed: 1 });
    const rows = await h.engine.rows(tenantId, job.id);
    expect(rows[1]).toMatchObject({ row: 2, outcome: 'failed', email: 'bob@@example.org' });
    expect(rows[1]!.reason).toMatch(/Recipient 2, email: the email address has more than one @/);
    const cred = await h.store.getCredential(tenantId, rows[0]!.credentialId!);
    expect(cred!.issuedOn).toBe('2026-06-01T00:00:00Z');
    // Batches of 3: progress after each of the 3 batches, ending at 7.
    expect(progress.filter((n) => n > 0)).toEqual([3, 6, 7]);
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toEqual([job.id]);
    const failed = csvRows((await h.engine.failedRowsCsv(tenantId, job.id))!);
    expect(failed).toEqual([{ name: 'Bob', email: 'bob@@example.org', grade: '', error: expect.stringMatching(/more than one @/) }]);
  });

  it('revokes: the status list is re-signed, verifying says revoked, and the public page shows the reason', async () => {
    const { h, tenantId } = await setup('revoke');
    const src = await uploadCsv(h.store, tenantId, 'Name,Email\nAnn Lee,ann@example.org\nBo Chen,bo@example.org\n');
    const { job } = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    await waitForJob(h.store, tenantId, job.id);
    await remember(h, tenantId, job.id);
    const [ann, bo] = await h.engine.rows(tenantId, job.id);
    const web = await serveWeb(h);
    try {
      const before = await fetch(`${web.url}/credentials/${ann!.credentialId}`);
      expect(await before.text()).toContain('>Verified<');

      expect(await h.engine.revoke(tenantId, ann!.credentialId!, 'Issued by mistake', 'U9')).toEqual({ ok: true });
      const record = (await h.store.getCredential(tenantId, ann!.credentialId!))!;
      expect(record).toMatchObject({ status: 'revoked', revokedReason: 'Issued by mistake', revokedBy: 'U9' });
      expect((await h.credentials.verify(record.signed)).status).toBe('revoked');
      expect((await h.credentials.verify((await h.store.getCredential(tenantId, bo!.credentialId!))!.signed)).status).toBe('valid');
      const page = await (await fetch(`${web.url}/credentials/${ann!.credentialId}`)).text();
      expect(page).toContain('>Revoked<');
      expect(page).toContain('Reason: Issued by mistake');
      const audit = await h.store.listAudit(tenantId, 5);
      expect(audit[0]).toMatchObject({ actor: 'U9', action: 'credential.revoke', target: ann!.credentialId });

      const twice = await h.engine.revoke(tenantId, ann!.credentialId!, 'again', 'U9');
      expect(twice).toMatchObject({ ok: false, reason: expect.stringMatching(/already revoked .*Issued by mistake/) });
      const unknown = await h.engine.revoke(tenantId, '00000000-0000-4000-8000-000000000000', 'x', 'U9');
      expect(unknown).toMatchObject({ ok: false, reason: expect.stringMatching(/no credential/) });
    } finally {
      await web.close();
    }
  });

  it('fails a job whose file has no email column, with a message that says what to do', async () => {
    const { h, tenantId } = await setup('nofile');
    const src = await uploadCsv(h.store, tenantId, 'Name,Grade\nAnn,A\n');
    const { job } = await h.engine.startCsvJob({ tenantId, groupId: 'g1', startedBy: 'U1', ...src });
    const done = await waitForJob(h.store, tenantId, job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(/email/i);
    expect(done.counts.issued).toBe(0);
  });

  it('refuses a form with an ambiguous issue date, saying how to write it', async () => {
    const { h, tenantId } = await setup('baddate');
    const req: FormJobRequest = { tenantId, groupId: 'g1', startedBy: 'U1', submissionId: 's', issuedOn: '03/07/2026', recipients: [{ recipient: { name: 'A', email: 'a@example.org' }, attributes: {} }] };
    await expect(h.engine.startFormJob(req)).rejects.toThrow(/ambiguous.*YYYY-MM-DD/);
    expect(await h.engine.listJobs(tenantId, 5)).toHaveLength(0);
  });

  it('refuses a job for a group that does not exist', async () => {
    const { h, tenantId } = await setup('nogroup');
    const src = await uploadCsv(h.store, tenantId, CSV);
    await expect(h.engine.startCsvJob({ tenantId, groupId: 'nope', startedBy: 'U1', ...src })).rejects.toThrow(/no group "nope"/);
  });
});
