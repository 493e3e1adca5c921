/**
 * @module render/sanitize-svg — turns an uploaded SVG into a design, or says why not. The file is
 * parsed by a real XML parser (saxes, which never reads DTDs or external entities), checked against
 * a whitelist, and written out again from the parsed tree, so what is rendered is exactly what was checked.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { findPlaceholders } from './placeholders.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, cssProblem, DANGEROUS_ELEMENTS, DROPPED_ELEMENTS, isSafeHref, SVG_NS, XLINK_NS, XML_NS } from './svg-rules.js';
import { escapeXml } from './xml.js';

export type SanitizeResult =
  | { ok: true; svg: string; placeholders: string[]; /** Attributes/elements removed as harmless editor data. */ removed: string[] }
  | { ok: false; reason: string };

export const MAX_SVG_BYTES = 1024 * 1024;
const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 64;

class Refusal extends Error {}

interface Frame {
  name: string;
  out: string[];
  /** Inside an element being dropped: nothing below it is written. */
  dropping: boolean;
  id?: string;
  /** A <use> is this element or inside it. */
  hasUse?: boolean;
}

const MAX_USES = 500;

export function sanitizeSvg(svgText: string): SanitizeResult {
  if (Buffer.byteLength(svgText, 'utf8') > MAX_SVG_BYTES) return { ok: false, reason: `The SVG is larger than ${MAX_SVG_BYTES / 1024} KB.` };
  // Refused before parsing: a DTD is how entity expansion (billion laughs) and external entities (XXE) get in.
  if (/<!DOCTYPE|<!ENTITY/i.test(svgText)) return { ok: false, reason: 'The SVG has a DOCTYPE or ENTITY declaration, which is not allowed (entity expansion and external entities).' };
  try {
    return { ok: true, ...walk(svgText) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: `The SVG was refused: ${error.message}.` };
    return { ok: false, reason: `The SVG is not well-formed XML: ${(error as Error).message.split('\n')[0]}` };
  }
}

function walk(svgText: string): { svg: string; placeholders: string[]; removed: string[] } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const removed = new Set<string>();
  const root: Frame = { name: '#document', out: [], dropping: false };
  const stack: Frame[] = [root];
  let elements = 0;
  let sawRoot = false;
  // A <use> of an element that itself holds <use>s multiplies (a "use bomb"): 10 levels of 10 is 10^10 shapes.
  const useTargets = new Set<string>();
  const idsHoldingUse = new Set<string>();
  let uses = 0;

  parser.on('doctype', () => { throw new Refusal('it has a DOCTYPE declaration'); });
  parser.on('processinginstruction', (pi) => { throw new Refusal(`it has a processing instruction (<?${pi.target} …?>)`); });
  parser.on('error', (error) => { throw error; });
  parser.on('text', (text) => appendText(stack, text));
  parser.on('cdata', (text) => appendText(stack, text));
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1]!;
    if (++elements > MAX_ELEMENTS) throw new Refusal(`it has more than ${MAX_ELEMENTS} elements`);
    if (stack.length > MAX_DEPTH) throw new Refusal(`its elements nest deeper than ${MAX_DEPTH} levels`);
    const isRoot = stack.length === 1;
    if (isRoot) {
      if (tag.local !== 'svg' || (tag.uri !== SVG_NS && tag.uri !== '')) throw new Refusal(`its root element is <${tag.name}>, not <svg>`);
      sawRoot = true;
    }
    const dropping = parent.dropping || checkElement(tag, removed);
    const id = tag.attributes.id?.value;
    const frame: Frame = { name: tag.local, out: [], dropping, id, hasUse: tag.local === 'use' };
    if (!dropping) frame.out.push(`<${tag.local}${attributes(tag, isRoot, removed)}>`);
    if (!dropping && tag.local === 'use') {
      const href = Object.values(tag.attributes).find((a) => a.local === 'href')?.value.trim();
      if (href?.startsWith('#')) useTargets.add(href.slice(1));
      if (++uses > MAX_USES) throw new Refusal(`it has more than ${MAX_USES} <use> elements`);
    }
    stack.push(frame);
  });
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    if (frame.dropping) return;
    if (frame.hasUse) {
      if (frame.id) idsHoldingUse.add(frame.id);
      stack[stack.length - 1]!.hasUse = true;
    }
    if (frame.name === 'style') {
      const problem = cssProblem(frame.out.slice(1).join(''));
      if (problem) throw new Refusal(problem);
    }
    frame.out.push(`</${frame.name}>`);
    stack[stack.length - 1]!.out.push(frame.out.join(''));
  });

  parser.write(svgText).close();
  if (!sawRoot) throw new Refusal('it has no <svg> element');
  const nested = [...useTargets].find((id) => idsHoldingUse.has(id));
  if (nested) throw new Refusal(`a <use> refers to "#${nested}", which itself holds <use> elements (nested references can multiply without limit)`);
  const svg = root.out.join('');
  if (!/^<svg[^>]*\s(viewBox|width)="/.test(svg)) throw new Refusal('the <svg> element needs a viewBox or a width and height');
  return { svg, placeholders: findPlaceholders(svg), removed: [...removed] };
}

function appendText(stack: Frame[], text: string): void {
  const frame = stack[stack.length - 1]!;
  if (!frame.dropping && stack.length > 1) frame.out.push(escapeXml(text));
}

/** Refuses dangerous elements; returns true when the element (and its content) is dropped as editor data. */
function checkElement(tag: SaxesTagNS, removed: Set<string>): boolean {
  if (tag.uri !== SVG_NS && tag.uri !== '') {
    if (tag.uri === 'http://www.w3.org/1999/xhtml') throw new Refusal(`it contains HTML (<${tag.name}>)`);
    removed.add(`<${tag.name}>`);
    return true;
  }
  if (DANGEROUS_ELEMENTS[tag.local]) throw new Refusal(DANGEROUS_ELEMENTS[tag.local]!);
  if (DROPPED_ELEMENTS.has(tag.local)) {
    removed.add(`<${tag.local}>`);
    return true;
  }
  if (!ALLOWED_ELEMENTS.has(tag.local)) throw new Refusal(`the element <${tag.local}> is not allowed`);
  return false;
}

function attributes(tag: SaxesTagNS, isRoot: boolean, removed: Set<string>): string {
  const out: string[] = isRoot ? [` xmlns="${SVG_NS}"`] : [];
  for (const attr of Object.values(tag.attributes)) {
    const { local, prefix, uri, value } = attr;
    if (prefix === 'xmlns' || attr.name === 'xmlns') continue; // namespaces are re-declared by the writer
    if (/^on/i.test(local)) throw new Refusal(`the attribute ${attr.name} on <${tag.local}> is an event handler`);
    if (/javascript:|vbscript:/i.test(value)) throw new Refusal(`the attribute ${attr.name} on <${tag.local}> contains script`);
    const isHref = local === 'href' && (uri === '' || uri === XLINK_NS);
    if (isHref) {
      if (!isSafeHref(value)) throw new Refusal(`<${tag.local}> refers to an outside resource (${attr.name}="${value.slice(0, 60)}")`);
      out.push(` href="${escapeXml(value)}"`);
      continue;
    }
    if (local === 'src') throw new Refusal(`the attribute ${attr.name} on <${tag.local}> refers to an outside resource`);
    if (uri === XML_NS && (local === 'space' || local === 'lang')) {
      out.push(` xml:${local}="${escapeXml(value)}"`);
      continue;
    }
    if (uri !== '' || !ALLOWED_ATTRIBUTES.has(local)) {
      removed.add(attr.name);
      continue;
    }
    const problem = cssProblem(value);
    if (problem) throw new Refusal(`${problem} (attribute ${attr.name} on <${tag.local}>)`);
    out.push(` ${local}="${escapeXml(value)}"`);
  }
  return out.join('');
}
