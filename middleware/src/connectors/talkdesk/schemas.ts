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
