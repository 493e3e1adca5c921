/**
 * @module bench/render — how fast designs render: badge PNGs/s (rendered and baked), certificate
 * PDFs/s, and the process's peak RSS. `npx tsx bench/render.ts [count]` (default 60 of each).
 * Names rotate through four scripts and change every time, so caches of whole lines never help.
 */
import { bakePng, defaultDesign, renderBadgePng, renderCertificatePdf, sampleValues } from '../src/render/index.js';

const COUNT = Number(process.argv[2] ?? 60);
const NAMES = ["Zoë Ñúñez-O'Brien", '李小龍', 'محمد عبد الله', 'Nguyễn Thị Minh Khai'];
const values = (i: number) => ({ ...sampleValues(), 'recipient.name': `${NAMES[i % NAMES.length]} ${i}`, 'credential.id': `urn:uuid:${i}` });
const credential = { type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: [{ proofValue: 'z'.padEnd(88, 'x') }] };

async function measure(label: string, count: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  await work(-1); // warm-up: fonts parsed, code compiled
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(44)} ${(count / seconds).toFixed(1).padStart(7)} /s   (${count} in ${seconds.toFixed(2)} s)`);
}

const badge = defaultDesign('badge');
const classic = defaultDesign('certificate');
const modern = defaultDesign('certificate', { template: 'certificate-modern-letter' });

console.log(`render bench: ${COUNT} each, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
await measure('badge PNG 600x600, one at a time', COUNT, 1, (i) => renderBadgePng(badge, values(i)));
await measure('badge PNG 600x600, 4 in flight', COUNT, 4, (i) => renderBadgePng(badge, values(i)));
await measure('badge PNG 600x600 + bake, 4 in flight', COUNT, 4, async (i) => bakePng(await renderBadgePng(badge, values(i)), credential));
await measure('certificate PDF (classic A4), one at a time', COUNT, 1, (i) => renderCertificatePdf(classic, values(i)));
await measure('certificate PDF (modern Letter), one at a time', COUNT, 1, (i) => renderCertificatePdf(modern, values(i)));
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
