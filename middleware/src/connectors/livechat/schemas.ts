import { z } from 'zod';

// Agent Chat API v3.6 data structures: strict on the fields the product reads, loose on the rest.
// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/data-structures

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/data-structures#events
export const livechatEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  author_id: z.string().optional(),
  text: z.string().optional(),
});
export type LiveChatEvent = z.infer<typeof livechatEventSchema>;

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/data-structures#thread
export const livechatThreadSchema = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  active: z.boolean().optional(),
  user_ids: z.array(z.string()).optional(),
  events: z.array(livechatEventSchema).optional(),
});
export type LiveChatThread = z.infer<typeof livechatThreadSchema>;

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/data-structures#users
export const livechatChatUserSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
});

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/data-structures#chat
export const livechatChatSchema = z.looseObject({
  id: z.string(),
  users: z.array(livechatChatUserSchema),
  thread: livechatThreadSchema.optional(),
});
export type LiveChatChat = z.infer<typeof livechatChatSchema>;

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#list-archives
export const listArchivesResponseSchema = z.looseObject({
  chats: z.array(livechatChatSchema),
  found_chats: z.number().int().optional(),
  next_page_id: z.string().optional(),
  previous_page_id: z.string().optional(),
});

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#list-threads
export const listThreadsResponseSchema = z.looseObject({
  threads: z.array(livechatThreadSchema),
  found_threads: z.number().int().optional(),
  next_page_id: z.string().optional(),
  previous_page_id: z.string().optional(),
});

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#get-customer
export const livechatCustomerSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone_number: z.string().optional(),
  created_at: z.string().optional(),
  chat_ids: z.array(z.string()).optional(),
  customer_last_event_created_at: z.string().optional(),
});
export type LiveChatCustomer = z.infer<typeof livechatCustomerSchema>;

// https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#errors
export const livechatErrorSchema = z.looseObject({
  error: z.looseObject({
    type: z.string(),
    message: z.string().optional(),
    data: z.looseObject({ region: z.string().optional() }).optional(),
  }),
});
