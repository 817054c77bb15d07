import { z } from 'zod';

// Talkdesk public OpenAPI (reference/talkdesk/openapi.yaml): strict on fields used, loose on the rest.

const halLink = z.looseObject({ href: z.string() });

// openapi.yaml components.schemas.inline_response_200_28_contact (GET /contacts items)
// https://docs.talkdesk.com/reference/contactsget
export const talkdeskContactSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable().optional(),
  company: z.string().nullable().optional(),
  emails: z.array(z.looseObject({ email: z.string().optional() })).optional(),
  phones: z.array(z.looseObject({ number: z.string().optional() })).optional(),
});
export type TalkdeskContact = z.infer<typeof talkdeskContactSchema>;

// openapi.yaml inline_response_200_27: HAL list, `_links.next` when there is another page.
export const contactsPageSchema = z.looseObject({
  total: z.number().int().optional(),
  count: z.number().int().optional(),
  _embedded: z.looseObject({ contacts: z.array(talkdeskContactSchema).optional() }),
  _links: z.looseObject({ self: halLink.optional(), next: halLink.nullable().optional() }),
});

// openapi.yaml inline_response_200_26__embedded_recordings
// https://docs.talkdesk.com/reference/callscall_idrecordingsget
export const talkdeskRecordingSchema = z.looseObject({
  id: z.string(),
  call_id: z.string().optional(),
  created_at: z.string().optional(),
  duration: z.number().optional(),
  type: z.string().optional(),
});
export type TalkdeskRecording = z.infer<typeof talkdeskRecordingSchema>;

// openapi.yaml inline_response_200_26 (GET /calls/{call_id}/recordings)
export const callRecordingsResponseSchema = z.looseObject({
  total: z.number().int().optional(),
  _embedded: z.looseObject({ recordings: z.array(talkdeskRecordingSchema).optional() }).optional(),
});

// openapi.yaml inline_response_200_68 (GET /recordings/{id}); the documented example is flat,
// the schema wraps it in `recording`: accept both.
export const recordingResponseSchema = z.union([
  z.looseObject({ recording: talkdeskRecordingSchema }).transform((value) => value.recording),
  talkdeskRecordingSchema,
]);

// openapi.yaml inline_response_401: Talkdesk's error body.
export const talkdeskErrorSchema = z.looseObject({ code: z.string(), message: z.string().optional() });

/** A report job (Explore API, `POST/GET /data/reports/{type}/jobs[/{id}]`): the create answer has the job at the top, GET wraps it in `job`. */
export const reportJobSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['created', 'processing', 'uploading', 'done', 'failed', 'canceled', 'deleted']),
});
export const reportJobResponseSchema = z.union([z.looseObject({ job: reportJobSchema }).transform((r) => r.job), reportJobSchema]);
export type TalkdeskReportJob = z.infer<typeof reportJobSchema>;

/**
 * One row of the calls report in JSON format. The OpenAPI documents the file only as
 * `{ total, type }` plus entries; the field names are those of Talkdesk's Calls report
 * (call_id, start_at, total_time, contact_phone_number); unknown fields are kept.
 */
export const reportedCallSchema = z.looseObject({
  call_id: z.string(),
  start_at: z.string(),
  total_time: z.coerce.number().optional().nullable(),
  contact_phone_number: z.string().optional().nullable(),
});
export const callsReportFileSchema = z.looseObject({ total: z.number().optional(), entries: z.array(reportedCallSchema) });
