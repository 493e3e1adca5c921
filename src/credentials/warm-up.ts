/**
 * @module credentials/warm-up — gives a new signing thread's JIT realistic batches to compile the
 * fast path on (with a throwaway key, results discarded), so the first real job runs at full speed.
 * Measured: without it the first batches of a job signed at about half speed.
 *
 * The batches vary as real ones do (groups with and without an expiry, course link or custom
 * attributes; issuers with and without their optional fields; names in other scripts) and reach the
 * code as structured clones, as a real task's data does. Warmed on one literal-built shape only, V8
 * compiled for that shape, then threw the code away on the first real job ("wrong map" deopts) and
 * compiled it again during the job (measured: ~0.5 s of compiler threads' CPU in a 10,000-row job).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Group } from '../domain/types.js';
import type { IssuerInfo } from './build.js';
import { didKeyFor } from './did-key.js';
import { base58Encode } from './ed25519.js';
import { issueSerialized, type IssueContext, type IssueDraft } from './issue-batch.js';
import type { SignerSpec } from './signer.js';

/** A one-off Ed25519 key as a signer spec (never stored, never used for a real credential). */
function throwawaySpec(): SignerSpec {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const publicKeyMultibase = 'z' + base58Encode(Buffer.concat([Buffer.from([0xed, 0x01]), pub]));
  const secretKeyMultibase = 'z' + base58Encode(Buffer.concat([Buffer.from([0x80, 0x26]), seed]));
  return { ...didKeyFor(publicKeyMultibase), publicKeyMultibase, secretKeyMultibase };
}

const at = '2026-01-01T00:00:00.000Z';
/**
 * Credentials per warm-up task: mostly 25, so the per-task functions are called often enough to be
 * compiled whole (with 8 big tasks V8 only compiled their loops, then the functions again during the
 * first real job); every fifth task the 125 a real batch gives each thread, so the thread's JSON
 * buffer grows to its working size here (its first growth, seen in a real job, cost a deopt).
 */
const taskSize = (task: number): number => (task % 5 === 4 ? 125 : 25);
const NAMES = ['Warm Up', 'Zoë Ñúñez-Ørsted', '李小龍', 'أحمد الفارسي', 'O\'Brien "Jr."'];

/** Groups as the bot stores them: every optional part present in one, absent in another. */
const GROUPS: Group[] = [
  {
    id: 'warm-up-1', tenantId: 'warm-up', name: 'Warm-up', courseName: 'Warm-up', courseDescription: 'Compiles the signing code.',
    courseLink: 'https://example.org/course', expiry: { kind: 'after', amount: 1, unit: 'years' }, allowDuplicates: true,
    customAttributes: ['grade', 'hours'], language: 'en', createdBy: 'warm-up', createdAt: at, updatedAt: at,
  },
  {
    id: 'warm-up-2', tenantId: 'warm-up', name: 'Warm-up 2', courseName: 'Warm-up 2', courseDescription: 'No expiry, one attribute.',
    expiry: { kind: 'none' }, allowDuplicates: false, customAttributes: ['grade'], language: 'en', createdBy: 'warm-up', createdAt: at, updatedAt: at,
  },
  {
    id: 'warm-up-3', tenantId: 'warm-up', name: 'Warm-up 3', courseName: 'Warm-up 3', courseDescription: 'No attributes.', criteria: 'Attended.',
    expiry: { kind: 'fixed', date: '2030-06-30' }, allowDuplicates: false, customAttributes: [], language: 'fr', createdBy: 'warm-up', createdAt: at, updatedAt: at,
  },
];

function issuerOf(spec: SignerSpec, full: boolean): IssuerInfo {
  return full
    ? { id: spec.controller, name: 'Warm-up University', url: 'https://example.org', email: 'registrar@example.org', image: 'https://example.org/logo.png' }
    : { id: spec.controller, name: 'Warm-up' };
}

/** Drafts shaped as issuance/batch.ts makes them: `expiresOn` only when the group's credentials expire. */
function draftsFor(group: Group, from: number, count: number, expiresOn: string | undefined): IssueDraft[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const recipient = { name: `${NAMES[i % NAMES.length]} ${i}`, email: `warm-up-${i}@example.org` };
    const attributes: Record<string, string> = {};
    for (const key of group.customAttributes) attributes[key] = key === 'grade' ? 'ABCDE'[i % 5]! : String(i % 40);
    if (i % 7 === 0) attributes.note = 'undeclared column'; // a CSV column the group does not declare
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return expiresOn
      ? { id, recipient, attributes, issuedOn: at, expiresOn, statusListId: 'warm-up', statusListIndex: i }
      : { id, recipient, attributes, issuedOn: at, statusListId: 'warm-up', statusListIndex: i };
  });
}

/** Issues `count` throwaway credentials in this thread; returns how many bytes they came to. */
export async function warmUp(count: number): Promise<number> {
  // Three keys, as three tenants would have: a thread meets its first key for a new tenant in a real job too.
  const specs = [throwawaySpec(), throwawaySpec(), throwawaySpec()];
  let bytes = 0;
  // The variants in turn.
  for (let i = 0, task = 0; i < count; i += taskSize(task), task++) {
    const group = GROUPS[task % GROUPS.length]!;
    const spec = specs[Math.floor(task / 4) % specs.length]!;
    const expiresOn = group.expiry.kind === 'none' ? undefined : '2027-01-01T00:00:00.000Z';
    const context: IssueContext = { publicBaseUrl: 'https://warm-up.invalid', tenantId: 'warm-up', issuer: issuerOf(spec, task % 2 === 1), group };
    // Through structured cloning, as a real task's context and drafts arrive from the main thread.
    const [ctx, drafts] = structuredClone([context, draftsFor(group, i, Math.min(taskSize(task), count - i), expiresOn)] as const);
    bytes += (await issueSerialized(ctx, drafts, spec, new Date())).length;
  }
  return bytes;
}
