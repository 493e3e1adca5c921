/**
 * @module bench/build-serialize — what a signing thread spends per credential outside signing:
 * building the unsigned credential (credentialBuilder) and writing the signed JSON lines (UTF-8).
 * Old and new run alternately in one process (A/B/A/B, best of rounds), so other processes on the
 * machine slow both alike. Serialization is always compared with the reference,
 * `JSON.stringify(withProof(credential, outcome))` joined and encoded as before; building is compared
 * with another compiled checkout when BASELINE names its dist/ folder:
 *
 *   npm run build --silent && node --max-semi-space-size=8 dist/bench/build-serialize.js
 *   git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/ && (cd /tmp/old && npx tsc -p .)
 *   BASELINE=/tmp/old/dist node --max-semi-space-size=8 dist/bench/build-serialize.js
 *
 * Prints µs per credential (best round) and heap bytes allocated per credential (median of batches
 * without a GC in between). Checks that both sides give the same bytes.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Group } from '../src/domain/types.js';
import { credentialBuilder, type RecipientInput, type SharedInput } from '../src/credentials/build.js';
import { base58Encode } from '../src/credentials/ed25519.js';
import { signedJsonLines as jsonLines } from '../src/credentials/serialize.js';
import type { Json } from '../src/credentials/libs.js';
import { withProof, type SignOutcome } from '../src/credentials/sign-core.js';

const BATCH = Number(process.env.BATCH ?? 128); // a signing thread's share of a 250-row batch
const BATCHES = Number(process.env.BATCHES ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 7);

type Build = (shared: SharedInput) => (draft: RecipientInput) => unknown;
type Serialize = (unsigned: Json[], outcomes: SignOutcome[]) => Uint8Array;

/** The serialization as it was: one JSON.stringify of a copy with the proof per credential, joined, encoded. */
const referenceSerialize: Serialize = (unsigned, outcomes) => {
  const text = unsigned.map((c, i) => JSON.stringify(withProof(c, outcomes[i]!))).join('\n');
  const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text, 'utf8');
  return bytes;
};

const group: Group = {
  id: 'grp-1', tenantId: 'slack:T0BENCH', name: 'Spring cohort', courseName: 'Intro to Data Science',
  courseDescription: 'Twelve weeks of statistics and Python.', courseLink: 'https://learn.example.edu/courses/ds101',
  criteria: 'Completed all labs and the final project.', expiry: { kind: 'after', amount: 2, unit: 'years' }, allowDuplicates: false,
  customAttributes: ['grade', 'hours'], language: 'en', createdBy: 'U1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
const issuerId = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const shared: SharedInput = {
  publicBaseUrl: 'https://credbot.example.edu', tenantId: 'slack:T0BENCH', group,
  issuer: { id: issuerId, name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu' },
};
const NAMES = ['Ann Lee', 'Zoë Ñúñez-O\'Brien', 'Bob Smith', 'Carla Díaz', 'Dmitri Ivanov', 'Eve Martin', '李小龍', 'Frank Moore'];

/** What the engine sends a signing thread: ids, recipients, attributes, one issue date and expiry per batch. */
function drafts(salted: boolean): RecipientInput[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `0b8e3f4e-5a51-8c4a-9a57-${String(i).padStart(12, '0')}`,
    recipient: { name: `${NAMES[i % NAMES.length]} ${i}`, email: `learner${i}@example.org` },
    attributes: { grade: 'ABCDE'[i % 5]!, hours: String(i % 40) },
    issuedOn: '2026-11-29T08:00:00Z',
    expiresOn: '2028-11-29T08:00:00Z',
    statusListId: 'list-1',
    statusListIndex: 1000 + i,
    ...(salted ? { salt: `salt-${i}` } : {}),
  }));
}

const outcomes: SignOutcome[] = Array.from({ length: BATCH }, () => ({
  proof: {
    type: 'DataIntegrityProof', created: '2026-11-29T08:00:00Z', verificationMethod: `${issuerId}#${issuerId.slice('did:key:'.length)}`,
    cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', proofValue: 'z' + base58Encode(randomBytes(64)),
  },
}));

/** µs per credential of the best round, for each side, alternating sides within every round. */
function abRounds(sides: [string, () => void][]): Map<string, number> {
  const best = new Map<string, number>(sides.map(([name]) => [name, Infinity]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of sides) {
      const t = process.hrtime.bigint();
      for (let b = 0; b < BATCHES; b++) run();
      const us = Number(process.hrtime.bigint() - t) / 1e3 / (BATCHES * BATCH);
      best.set(name, Math.min(best.get(name)!, us));
    }
  }
  return best;
}

/** Heap bytes one batch allocates, per credential: the median over batches during which no GC ran (heap only grew). */
function allocatedPerCredential(run: () => void): number {
  const deltas: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = process.memoryUsage().heapUsed;
    run();
    const delta = process.memoryUsage().heapUsed - before;
    if (delta > 0) deltas.push(delta);
  }
  deltas.sort((a, b) => a - b);
  return (deltas[Math.floor(deltas.length / 2)] ?? NaN) / BATCH;
}

async function main(): Promise<void> {
  console.log(`cores: ${availableParallelism()}, load average: ${loadavg().map((l) => l.toFixed(1)).join(' / ')}, batch ${BATCH} × ${BATCHES} per round, ${ROUNDS} rounds`);
  const baselineDir = process.env.BASELINE;
  const oldBuild: Build | undefined = baselineDir
    ? ((await import(pathToFileURL(`${baselineDir}/src/credentials/build.js`).href)) as { credentialBuilder: Build }).credentialBuilder
    : undefined;

  // Same bytes: with given salts (random ones differ by design), old and new builds serialize alike.
  const fixed = drafts(true);
  const built = fixed.map(credentialBuilder(shared)) as unknown as Json[];
  const reference = referenceSerialize(built, outcomes);
  const same = Buffer.compare(jsonLines(built, outcomes), reference) === 0;
  const sameBuild = !oldBuild || Buffer.compare(referenceSerialize(fixed.map(oldBuild(shared)) as Json[], outcomes), reference) === 0;
  console.log(`same bytes: serialization ${same ? 'yes' : 'NO'}, build ${oldBuild ? (sameBuild ? 'yes' : 'NO') : '(no BASELINE)'}`);

  const input = drafts(false); // random salts, as in production
  const newBuild = () => input.map(credentialBuilder(shared));
  const buildSides: [string, () => void][] = [['build (new)', newBuild]];
  if (oldBuild) buildSides.unshift(['build (old)', () => input.map(oldBuild(shared))]);
  const serializeSides: [string, () => void][] = [
    ['serialize (old: JSON.stringify)', () => referenceSerialize(built, outcomes)],
    ['serialize (new)', () => jsonLines(built, outcomes)],
  ];
  abRounds([...buildSides, ...serializeSides]); // warm-up: both sides compiled before anything counts
  const times = abRounds([...buildSides, ...serializeSides]);
  for (const [name, run] of [...buildSides, ...serializeSides]) {
    console.log(`${name.padEnd(34)} ${times.get(name)!.toFixed(2).padStart(6)} µs/credential   ${Math.round(allocatedPerCredential(run)).toLocaleString('en').padStart(6)} B allocated/credential`);
  }
}

await main();
