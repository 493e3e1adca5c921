import { describe, expect, it } from '@jest/globals';
import { fillPlaceholders, findPlaceholders, placeholderValuesFor, sampleValues } from '../../src/render/index.js';

describe('findPlaceholders', () => {
  it('lists each placeholder once, in order, from text or SVG', () => {
    const svg = '<svg><text>{{recipient.name}}</text><text>{{ custom.grade }} {{recipient.name}} {{issuer.name}}</text></svg>';
    expect(findPlaceholders(svg)).toEqual(['recipient.name', 'custom.grade', 'issuer.name']);
  });
  it('ignores braces that are not placeholders', () => {
    expect(findPlaceholders('a { b } {{}} {{ two words }}')).toEqual([]);
  });
});

describe('fillPlaceholders', () => {
  const values = { 'recipient.name': 'Zoë', 'group.course_name': 'Chemistry', 'custom.grade': 'A', 'credential.expires_on': '' };

  it('fills known placeholders, including custom attributes and empty values', () => {
    const result = fillPlaceholders('{{recipient.name}} passed {{group.course_name}} with {{custom.grade}}{{credential.expires_on}}', values);
    expect(result).toEqual({ text: 'Zoë passed Chemistry with A', unknown: [], missing: [] });
  });

  it('reports typos and missing values instead of leaving a silent blank', () => {
    const result = fillPlaceholders('{{recipent.name}} / {{custom.hours}} / {{issuer.name}}', values);
    expect(result.unknown).toEqual(['recipent.name']);
    expect(result.missing).toEqual(['custom.hours', 'issuer.name']);
    expect(result.text).toBe('{{recipent.name}} / {{custom.hours}} / {{issuer.name}}');
  });

  it('escapes values for XML so markup in a name renders as text', () => {
    const result = fillPlaceholders('<text>{{recipient.name}}</text>', { 'recipient.name': '<script>alert("x")</script> & Co\u0007' });
    expect(result.text).toBe('<text>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</text>');
  });

  it('leaves values raw when asked (PDF text is not XML)', () => {
    expect(fillPlaceholders('{{recipient.name}}', { 'recipient.name': 'A & B' }, { escape: 'none' }).text).toBe('A & B');
  });

  it('normalizes values to NFC so Vietnamese diacritics use the precomposed glyphs', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    expect(fillPlaceholders('{{recipient.name}}', { 'recipient.name': decomposed }, { escape: 'none' }).text).toBe('Nguyễn');
  });
});

describe('placeholderValuesFor', () => {
  it('builds every value from the credential, group and issuer, dates in the group language', () => {
    const values = placeholderValuesFor({
      credential: { id: 'c-1', recipient: { name: 'Ana', email: 'ana@example.org' }, issuedOn: '2026-11-29T23:30:00Z', attributes: { grade: 'A+' } },
      group: { name: 'Cohort 1', courseName: 'Biology', courseDescription: 'Cells', language: 'fr' },
      issuerName: 'Université Exemple',
    });
    expect(values).toMatchObject({ 'recipient.name': 'Ana', 'credential.issued_on': '29 novembre 2026', 'credential.expires_on': '', 'custom.grade': 'A+', 'issuer.name': 'Université Exemple' });
    expect(Object.values(values).join(' ')).not.toContain('ana@example.org');
  });

  it('sample values cover every known placeholder and the requested custom keys', () => {
    const filled = fillPlaceholders('{{recipient.name}} {{credential.expires_on}} {{custom.hours}}', sampleValues(['custom.hours']));
    expect(filled.missing).toEqual([]);
  });
});
