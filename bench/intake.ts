/** @module bench/intake — CSV intake throughput: rows per second and peak RSS for a generated 100,000-row file. */
import { Readable } from 'node:stream';
import { previewCsv } from '../src/intake/index.js';

const ROWS = Number(process.env.ROWS ?? 100_000);

/** Generated while it is read, like a download: the bench never holds the whole file. */
function generatedCsv(): NodeJS.ReadableStream {
  function* lines() {
    yield 'First name,Last name,Email Address,Issue date,Final Grade,Hours,Comment\n';
    let batch = '';
    for (let i = 0; i < ROWS; i++) {
      const email = i % 1000 === 0 ? `bad-address-${i}` : `learner${i}@example.org`;
      batch += `Learner,Number ${i},${email},2026-03-07,${'ABCDE'[i % 5]},${i % 40},"Completed, with ""distinction"""\n`;
      if (i % 500 === 499) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  return Readable.from(lines());
}

async function run(label: string, alreadyIssued?: (key: string) => Promise<boolean>): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const preview = await previewCsv(generatedCsv(), { limits: { maxBytes: 500 * 1024 * 1024, maxRows: ROWS }, alreadyIssued, requiredAttributes: ['final_grade'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(
    `${label}: ${preview.totalRows} rows (${preview.errorRows} with errors) in ${seconds.toFixed(2)} s = ` +
      `${Math.round(preview.totalRows / seconds).toLocaleString('en')} rows/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
  );
}

console.log(`node ${process.version}, ${ROWS.toLocaleString('en')} rows, RSS before: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
await run('preview, no lookups');
await run('preview, alreadyIssued lookups (in-memory, async)', async (key) => key.endsWith('7@example.org'));
