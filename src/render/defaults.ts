/** @module render/defaults — the design a group gets when it has none of its own. */
import type { Design, DesignKind } from '../domain/types.js';

const DEFAULT_TEXT = {
  badge: { title: '{{group.course_name}}', subtitle: '{{recipient.name}}', footer: '{{credential.issued_on}}' },
  certificate: {
    title: 'Certificate of Completion',
    subtitle: 'This certificate is proudly presented to',
    body: 'for successfully completing {{group.course_name}}',
    footer: 'Issued on {{credential.issued_on}}',
  },
} as const;

/** A complete Design of the kind; `overrides` replace any field (colours and text are merged field by field). */
export function defaultDesign(kind: DesignKind, overrides: Partial<Design> = {}): Design {
  const { colours, text, ...rest } = overrides;
  return {
    id: `default-${kind}`,
    tenantId: '',
    kind,
    name: kind === 'badge' ? 'Default badge' : 'Default certificate',
    template: kind === 'badge' ? 'badge-circle' : 'certificate-classic-a4',
    createdBy: 'credbot',
    createdAt: '1970-01-01T00:00:00.000Z',
    updatedAt: '1970-01-01T00:00:00.000Z',
    ...rest,
    colours: { primary: '#1f4e79', secondary: '#c8963e', text: '#1f2937', ...colours },
    text: { ...DEFAULT_TEXT[kind], ...text },
  };
}
