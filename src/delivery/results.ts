/**
 * @module delivery/results — the job's results file with a `delivery` column: the issuing engine's own
 * columns, then how telling the recipient went. The core is handed the engine through
 * `withDeliveryColumn`, so `status <job>` uploads a file that shows deliveries as they stand now.
 */
import type { IssuanceEngine } from '../issuance/engine.js';
import { deliveryCell } from './service.js';
import type { DeliveryService } from './types.js';

/** The engine's results file plus the `delivery` column, looked up a page of rows at a time. */
export function resultsWithDelivery(engine: IssuanceEngine, delivery: DeliveryService, tenant: string, jobId: string): Promise<Buffer> {
  return engine.resultsCsv(tenant, jobId, {
    header: ['delivery'],
    async cells(rows) {
      const outcomes = await delivery.outcomes(tenant, rows.flatMap((r) => (r.credentialId ? [r.credentialId] : [])));
      return rows.map((r) => [r.credentialId ? deliveryCell(outcomes.get(r.credentialId)) : '']);
    },
  });
}

/** The same engine, whose results file also says how delivery went. Everything else is the engine's own. */
export function withDeliveryColumn(engine: IssuanceEngine, delivery: DeliveryService): IssuanceEngine {
  return {
    startCsvJob: (req) => engine.startCsvJob(req),
    startFormJob: (req) => engine.startFormJob(req),
    getJob: (tenant, jobId) => engine.getJob(tenant, jobId),
    listJobs: (tenant, limit) => engine.listJobs(tenant, limit),
    rows: (tenant, jobId) => engine.rows(tenant, jobId),
    resultsCsv: (tenant, jobId) => resultsWithDelivery(engine, delivery, tenant, jobId),
    failedRowsCsv: (tenant, jobId) => engine.failedRowsCsv(tenant, jobId),
    onProgress: (listener) => engine.onProgress(listener),
    onFinished: (listener) => engine.onFinished(listener),
    revoke: (tenant, id, reason, by) => engine.revoke(tenant, id, reason, by),
    close: () => engine.close(),
  };
}
