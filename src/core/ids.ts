/**
 * @module core/ids — the action ids, form ids and field ids the core hands out. Adapters pass them
 * back untouched; tests (and the shared adapter contract suite) refer to them by these names.
 */

export const FORM = {
  issue: 'issue',
  group: 'group',
  design: 'design',
} as const;

export const ACTION = {
  /** Select on a CSV preview: the group to issue to (or `new`). Value: group id. */
  csvGroup: 'csv.group',
  /** Button on a CSV preview. Value: the preview's state key. */
  csvIssue: 'csv.issue',
  csvCancel: 'csv.cancel',
  /** Button inside the issue form: one more recipient row. */
  addRecipient: 'issue.add_recipient',
  /** Button that opens a form from a message (where a form cannot be the direct reply). */
  openGroupForm: 'open.group_form',
} as const;

/** The select value on a CSV preview that asks for a new group instead of an existing one. */
export const NEW_GROUP = 'new';

export const GROUP_FIELDS = {
  name: 'name',
  courseName: 'course_name',
  courseDescription: 'course_description',
  courseLink: 'course_link',
  badgeDesign: 'badge_design',
  certificateDesign: 'certificate_design',
  expiry: 'expiry',
  expiryAmount: 'expiry_amount',
  expiryDate: 'expiry_date',
  allowDuplicates: 'allow_duplicates',
  attributes: 'attributes',
  deliverEmail: 'deliver_email',
  deliverChat: 'deliver_chat',
  attachCertificate: 'attach_certificate',
  emailSubject: 'email_subject',
  emailBody: 'email_body',
} as const;

export const DESIGN_FIELDS = {
  kind: 'kind',
  name: 'name',
  template: 'template',
  primary: 'primary_colour',
  secondary: 'secondary_colour',
  text: 'text_colour',
  title: 'title',
  subtitle: 'subtitle',
  body: 'body',
  footer: 'footer',
} as const;

export const ISSUE_FIELDS = {
  group: 'group',
  issuedOn: 'issued_on',
} as const;

/** Field ids of recipient row `n` (1-based): `r1_name`, `r1_email`, `r1_attr_grade`. */
export const recipientField = {
  name: (n: number) => `r${n}_name`,
  email: (n: number) => `r${n}_email`,
  attribute: (n: number, key: string) => `r${n}_attr_${key}`,
};
