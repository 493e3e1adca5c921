/**
 * @module credentials/status-list — revocation lists: a BitstringStatusListCredential built from
 * the store's raw bits (bit 0 = most significant bit of byte 0, the same order the W3C spec and
 * @digitalbazaar/bitstring use), signed by the tenant's issuer through the one signing door.
 */
import type { TenantId } from '../domain/types.js';
import { decodeStatusList, statusListFromBits, unsignedStatusListCredential, type Json } from './libs.js';
import { signCredentials } from './sign.js';
import type { IssuerSigner } from './signer.js';
import type { SignedCredential } from './types.js';
import { statusListUrl } from './urls.js';

/** Bits per list: 16 KB, the spec's minimum size that keeps a holder hidden in the crowd. */
export const STATUS_LIST_SIZE = 131072;

export interface StatusListInput {
  publicBaseUrl: string;
  tenantId: TenantId;
  listId: string;
  /** Raw bitstring as `Store.getStatusBits` returns it (listSize / 8 bytes). */
  bits: Uint8Array;
  issuerId: string;
  /** ISO date-time. */
  validFrom: string;
}

export async function buildStatusListCredential(input: StatusListInput): Promise<Json> {
  if (input.bits.length === 0) {
    throw new Error('Status list bits are empty');
  }
  const id = statusListUrl(input.publicBaseUrl, input.tenantId, input.listId);
  const list = statusListFromBits(Uint8Array.from(input.bits));
  const vc = await unsignedStatusListCredential(id, list);
  return { ...vc, issuer: input.issuerId, validFrom: new Date(input.validFrom).toISOString().replace('.000Z', 'Z') };
}

/** Builds and signs the status-list credential that `web/` publishes at its URL. */
export async function signStatusList(input: Omit<StatusListInput, 'issuerId'>, signer: IssuerSigner, now?: Date): Promise<SignedCredential<Json>> {
  const unsigned = await buildStatusListCredential({ ...input, issuerId: signer.controller });
  const [signed] = await signCredentials([unsigned], signer, { now, mode: 'in-thread' });
  return signed;
}

/** Reads one index of a status-list credential (no signature check; verifyCredential does that). */
export async function statusAt(statusListCredential: Record<string, unknown>, index: number): Promise<boolean> {
  const subject = statusListCredential.credentialSubject as { encodedList?: unknown } | undefined;
  if (typeof subject?.encodedList !== 'string') throw new Error('Not a BitstringStatusListCredential: credentialSubject.encodedList is missing');
  const list = await decodeStatusList(subject.encodedList);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new Error(`Status list index ${index} is outside the list (0–${list.length - 1})`);
  }
  return list.getStatus(index);
}

/** Sets or clears one bit in a raw bitstring (bit 0 = MSB of byte 0); returns a new buffer. */
export function withBit(bits: Uint8Array, index: number, value: boolean): Buffer {
  const out = Buffer.from(bits);
  if (!Number.isInteger(index) || index < 0 || index >= out.length * 8) throw new Error(`Bit index ${index} is outside the list`);
  const mask = 0x80 >> (index % 8);
  out[index >> 3] = value ? out[index >> 3] | mask : out[index >> 3] & ~mask;
  return out;
}
