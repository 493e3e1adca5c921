/**
 * @module web/page/linkedin — the "Add to LinkedIn profile" link: LinkedIn's add-certification form,
 * pre-filled with the credential's name, issuer, dates, id and URL. A plain link the recipient
 * follows; the page itself never contacts LinkedIn.
 */

export interface LinkedInCertification {
  name: string;
  organizationName: string;
  /** ISO 8601 date-times. */
  issuedOn?: string;
  expiresOn?: string;
  certUrl: string;
  certId: string;
}

function yearMonth(iso?: string): { year: string; month: string } | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return { year: String(d.getUTCFullYear()), month: String(d.getUTCMonth() + 1) };
}

export function linkedInAddUrl(c: LinkedInCertification): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: c.name, organizationName: c.organizationName });
  const issued = yearMonth(c.issuedOn);
  if (issued) {
    params.set('issueYear', issued.year);
    params.set('issueMonth', issued.month);
  }
  const expires = yearMonth(c.expiresOn);
  if (expires) {
    params.set('expirationYear', expires.year);
    params.set('expirationMonth', expires.month);
  }
  params.set('certUrl', c.certUrl);
  params.set('certId', c.certId);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
