import { z } from 'zod';

// Strict on the fields the product reads, loose on the rest (vendors add fields freely).

const id = z.number().int();
const nullableString = z.string().nullable();

// https://developer.zendesk.com/api-reference/ticketing/users/users/#json-format
export const zendeskUserSchema = z.looseObject({
  id,
  name: z.string(),
  email: nullableString.optional(),
  phone: nullableString.optional(),
  role: z.string().optional(),
  /** 0 custom agent role, 1 light agent, 2 chat-only agent, 3 contributor, 4 admin, 5 billing admin. */
  role_type: id.nullable().optional(),
  custom_role_id: id.nullable().optional(),
  /** The agent's ticket access: "organization", "groups", "assigned", "requested", or null for all. */
  ticket_restriction: nullableString.optional(),
  organization_id: id.nullable().optional(),
  active: z.boolean().optional(),
  suspended: z.boolean().optional(),
  external_id: nullableString.optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  last_login_at: nullableString.optional(),
  user_fields: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type ZendeskUser = z.infer<typeof zendeskUserSchema>;

// https://developer.zendesk.com/api-reference/ticketing/users/users/#show-user
export const userResponseSchema = z.looseObject({ user: zendeskUserSchema });
// https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/#search-organizations
export const zendeskOrganizationSchema = z.looseObject({ id, name: z.string() });
export type ZendeskOrganization = z.infer<typeof zendeskOrganizationSchema>;
export const organizationsResponseSchema = z.looseObject({ organizations: z.array(zendeskOrganizationSchema) });

// https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
export const usersResponseSchema = z.looseObject({ users: z.array(zendeskUserSchema) });

// https://developer.zendesk.com/api-reference/ticketing/users/users/#search-users (offset pagination)
export const userSearchResponseSchema = z.looseObject({
  users: z.array(zendeskUserSchema),
  next_page: nullableString.optional(),
  count: z.number().int().optional(),
});

// https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#json-format
export const zendeskIdentitySchema = z.looseObject({
  id,
  user_id: id,
  type: z.string(),
  value: z.string(),
  primary: z.boolean().optional(),
  verified: z.boolean().optional(),
});
export type ZendeskIdentity = z.infer<typeof zendeskIdentitySchema>;
// https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#create-identity
export const identityResponseSchema = z.looseObject({ identity: zendeskIdentitySchema });
// https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#make-identity-primary
export const identitiesResponseSchema = z.looseObject({ identities: z.array(zendeskIdentitySchema) });

// https://developer.zendesk.com/api-reference/ticketing/groups/group_memberships/#json-format
export const zendeskGroupMembershipSchema = z.looseObject({
  id,
  user_id: id,
  group_id: id,
  default: z.boolean().optional(),
});
export type ZendeskGroupMembership = z.infer<typeof zendeskGroupMembershipSchema>;

// https://developer.zendesk.com/api-reference/introduction/pagination/#using-cursor-pagination
export const cursorMetaSchema = z.looseObject({
  has_more: z.boolean(),
  after_cursor: nullableString.optional(),
  before_cursor: nullableString.optional(),
});
export const cursorLinksSchema = z.looseObject({ next: nullableString.optional(), prev: nullableString.optional() });

/** A cursor-paginated list, normalised: the items and where to resume. */
export interface CursorList<T> {
  items: T[];
  hasMore: boolean;
  afterCursor: string | null;
}

/** Parses `{ <key>: T[], meta: {has_more, after_cursor}, links: {next} }` into a CursorList. */
export function cursorListSchema<T>(key: string, item: z.ZodType<T>): z.ZodType<CursorList<T>> {
  const shape: Record<string, z.ZodType> = {
    [key]: z.array(item),
    meta: cursorMetaSchema,
    links: cursorLinksSchema.optional(),
  };
  return z.looseObject(shape).transform((raw) => {
    const meta = raw.meta as z.infer<typeof cursorMetaSchema>;
    return { items: raw[key] as T[], hasMore: meta.has_more, afterCursor: meta.after_cursor ?? null };
  });
}

// https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-user-export-cursor-based
export const incrementalUsersResponseSchema = z.looseObject({
  users: z.array(zendeskUserSchema),
  after_cursor: nullableString.optional(),
  end_of_stream: z.boolean(),
});

// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#json-format
export const zendeskTicketSchema = z.looseObject({
  id,
  status: z.string(),
  subject: nullableString.optional(),
  requester_id: id.nullable().optional(),
  submitter_id: id.nullable().optional(),
  assignee_id: id.nullable().optional(),
  group_id: id.nullable().optional(),
  organization_id: id.nullable().optional(),
  collaborator_ids: z.array(id).optional(),
  email_cc_ids: z.array(id).optional(),
  follower_ids: z.array(id).optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type ZendeskTicket = z.infer<typeof zendeskTicketSchema>;

// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
export const ticketResponseSchema = z.looseObject({ ticket: zendeskTicketSchema });
// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-multiple-tickets
export const ticketsResponseSchema = z.looseObject({ tickets: z.array(zendeskTicketSchema) });

// https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-email-ccs-for-a-ticket
// (followers and collaborators answer the same `{users: [...]}` shape)
export const ticketUsersResponseSchema = z.looseObject({ users: z.array(zendeskUserSchema) });

// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#json-format
export const zendeskCommentSchema = z.looseObject({
  id,
  type: z.string().optional(),
  author_id: id.nullable().optional(),
  public: z.boolean().optional(),
  body: z.string().optional(),
  html_body: z.string().optional(),
  created_at: z.string().optional(),
  attachments: z.array(z.looseObject({ id, content_url: z.string().optional(), file_name: z.string().nullish(), content_type: z.string().nullish(), size: z.number().nullish() })).optional(),
});
export type ZendeskComment = z.infer<typeof zendeskCommentSchema>;

// https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace
export const commentResponseSchema = z.looseObject({ comment: zendeskCommentSchema });

// https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/#json-format
export const zendeskJobStatusSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  url: nullableString.optional(),
  total: z.number().int().nullable().optional(),
  progress: z.number().int().nullable().optional(),
  message: nullableString.optional(),
  results: z.unknown().optional(),
});
export type ZendeskJobStatus = z.infer<typeof zendeskJobStatusSchema>;
export const jobStatusResponseSchema = z.looseObject({ job_status: zendeskJobStatusSchema });

// https://developer.zendesk.com/api-reference/ticketing/users/user_fields/#json-format
export const zendeskUserFieldSchema = z.looseObject({
  id,
  key: z.string(),
  type: z.string(),
  title: z.string(),
  active: z.boolean().optional(),
});
export type ZendeskUserField = z.infer<typeof zendeskUserFieldSchema>;
export const userFieldResponseSchema = z.looseObject({ user_field: zendeskUserFieldSchema });

// https://developer.zendesk.com/api-reference/ticketing/users/users/#show-compliance-deletion-statuses
export const complianceDeletionStatusSchema = z.looseObject({
  action: z.string(),
  application: z.string(),
  account_subdomain: z.string().optional(),
  executer_id: id.nullable().optional(),
  user_id: id,
  created_at: z.string(),
});
export type ZendeskComplianceDeletionStatus = z.infer<typeof complianceDeletionStatusSchema>;
export const complianceDeletionStatusesResponseSchema = z.looseObject({
  compliance_deletion_statuses: z.array(complianceDeletionStatusSchema),
});
