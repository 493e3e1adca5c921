/**
 * @module credentials/results — a recipient's custom attributes (grade, hours, …) as OB 3.0 results:
 * the achievement declares each attribute key (`resultDescription`), the credential carries the
 * values the recipient has (`result`). Declared keys come first (the group's order), then any extra
 * keys the row carried.
 */
import type { ResultDescription, ResultEntry } from './types.js';

/** A credential's attribute keys in order, with the id of each one's result description. */
export interface AttributeKeys {
  names: readonly string[];
  ids: readonly string[];
}

/** Throws URIError for a key with a lone surrogate (encodeURIComponent), as every build of it does. */
export function attributeKeys(achievementId: string, names: readonly string[]): AttributeKeys {
  return { names, ids: names.map((key) => `${achievementId}#attribute-${encodeURIComponent(key)}`) };
}

export function resultDescriptions(keys: AttributeKeys): ResultDescription[] {
  return keys.names.map((name, i) => ({ id: keys.ids[i]!, type: ['ResultDescription'], name, resultType: 'Result' }));
}

/**
 * The row's keys that the group does not declare, in the row's order (Object.keys order), or
 * undefined when there are none (the common case: no array is made).
 */
export function extraKeys(declared: ReadonlySet<string>, attributes: Record<string, string>): string[] | undefined {
  let extra: string[] | undefined;
  for (const key in attributes) if (Object.hasOwn(attributes, key) && !declared.has(key)) (extra ??= []).push(key);
  return extra;
}

/** Declared keys first (the group's order, duplicates kept), then the row's extra ones. */
export function allKeys(declared: readonly string[], attributes: Record<string, string>): string[] {
  const extra = extraKeys(new Set(declared), attributes);
  return extra ? declared.concat(extra) : declared.slice();
}

/** One result per key the recipient has a value for (neither absent nor empty). */
export function resultValues(keys: AttributeKeys, attributes: Record<string, string>): ResultEntry[] {
  const values: ResultEntry[] = [];
  const { names, ids } = keys;
  for (let i = 0; i < names.length; i++) {
    // Own keys only: a declared attribute named like an Object.prototype member ("__proto__", "constructor") has no value unless the row gave one.
    const value = Object.hasOwn(attributes, names[i]!) ? attributes[names[i]!] : undefined;
    if (value !== undefined && value !== '') values.push({ type: ['Result'], resultDescription: ids[i]!, value });
  }
  return values;
}
