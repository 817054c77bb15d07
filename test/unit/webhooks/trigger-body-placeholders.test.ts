import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZendeskWebhook, type TicketTriggerBody } from '../../../middleware/src/webhooks/zendesk/payload-schema.js';

/**
 * Bodies as Zendesk renders the shipped trigger body, built from its placeholders reference
 * (https://support.zendesk.com/hc/en-us/articles/4408886858138): ids render as text, a missing
 * value renders empty, `{{user.role}}` renders "End user" / "Agent" / "Admin", and Liquid loops
 * leave the whitespace and separators of the template around each item.
 */
function ticketOf(json: unknown): TicketTriggerBody['ticket'] {
  const parsed = parseZendeskWebhook(json);
  if (!parsed.ok) throw new Error(`refused: ${parsed.issues.join('; ')}`);
  return (parsed.event.payload as TicketTriggerBody).ticket;
}

describe('trigger bodies as Zendesk renders them', () => {
  it('when {{ticket.requester.id}} renders empty (a ticket without a requester yet), then the body is accepted without a requester', () => {
    const ticket = ticketOf({ type: 'ticket_trigger', ticket: { id: '42', requester_id: '', updated_by_id: '', latest_comment_id: '' } });
    expect(ticket.id).toBe(42);
    expect(ticket.requester_id).toBeUndefined();
    expect(ticket.updated_by_id).toBeUndefined();
    expect(ticket.latest_comment_id).toBeUndefined();
  });

  it('when ids carry the spaces and newlines a Liquid loop leaves around them, then they are read as ids', () => {
    const ticket = ticketOf({
      type: 'ticket_trigger',
      ticket: { id: ' 42\n', requester_id: '\n  501 ', email_ccs: [{ id: '\n 601 ', email: ' a@example.com ', role: 'End user' }] },
    });
    expect(ticket.id).toBe(42);
    expect(ticket.requester_id).toBe(501);
    expect(ticket.email_ccs).toEqual([{ id: 601, email: 'a@example.com', role: 'end-user' }]);
  });

  it('when an id list has trailing or doubled separators ("502, 503, ,"), then only the ids remain', () => {
    const ticket = ticketOf({ type: 'ticket_trigger', ticket: { id: '42', email_cc_ids: '502, 503, ,', follower_ids: ',\n701\n702,', comment_ids: '9001,9002,' } });
    expect(ticket.email_cc_ids).toEqual([502, 503]);
    expect(ticket.follower_ids).toEqual([701, 702]);
    expect(ticket.comment_ids).toEqual([9001, 9002]);
  });

  it('when the CC loop renders "id:email:role" entries with stray separators and spaces, then each entry is one CC', () => {
    const ticket = ticketOf({ type: 'ticket_trigger', ticket: { id: '1', email_ccs: ' 601:a@example.com:End user,\n602 : b@example.com : Agent ,, 603::,' } });
    expect(ticket.email_ccs).toEqual([
      { id: 601, email: 'a@example.com', role: 'end-user' },
      { id: 602, email: 'b@example.com', role: 'agent' },
      { id: 603 },
    ]);
    const bad = parseZendeskWebhook({ type: 'ticket_trigger', ticket: { id: '1', email_ccs: 'x:a@example.com:Agent' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.join(' ')).not.toContain('a@example.com');
  });

  it('when a loop over no CCs renders an empty list or empty text, then the ticket has no CCs (not an unknown list)', () => {
    expect(ticketOf({ type: 'ticket_trigger', ticket: { id: '42', email_ccs: [] } }).email_ccs).toEqual([]);
    expect(ticketOf({ type: 'ticket_trigger', ticket: { id: '42', email_ccs: '' } }).email_ccs).toEqual([]);
    expect(ticketOf({ type: 'ticket_trigger', ticket: { id: '42', email_cc_ids: '' } }).email_cc_ids).toEqual([]);
  });

  it('when {{user.role}} renders Zendesk display names, then they map to the API role names', () => {
    const ccs = ticketOf({
      type: 'ticket_trigger',
      ticket: { id: '1', email_ccs: [{ id: '1', role: 'Admin' }, { id: '2', role: 'Agent' }, { id: '3', role: 'End user' }, { id: '4', role: '' }] },
    }).email_ccs!;
    expect(ccs.map((c) => c.role)).toEqual(['admin', 'agent', 'end-user', undefined]);
  });

  it('when the latest comment placeholders render, then its id and text are kept; an empty id means no comment', () => {
    const withComment = ticketOf({ type: 'ticket_trigger', ticket: { id: '1', latest_comment: { id: ' 9002 ', value: 'Hello "there"\nline two', is_public: 'true' } } });
    expect(withComment.latest_comment).toMatchObject({ id: 9002, value: 'Hello "there"\nline two' });
    expect(ticketOf({ type: 'ticket_trigger', ticket: { id: '1', latest_comment: { id: '', value: '' } } }).latest_comment?.id).toBeUndefined();
  });

  it('when {{ticket.latest_comment.attachments | size}} renders a count, then it is read; empty, missing or not a count is unknown, never a refusal', () => {
    const countOf = (value: unknown) => ticketOf({ type: 'ticket_trigger', ticket: { id: '1', latest_comment: { id: '9002', value: 'x', attachment_count: value } } }).latest_comment?.attachment_count;
    expect(countOf('0')).toBe(0);
    expect(countOf(' 2\n')).toBe(2);
    expect(countOf(3)).toBe(3);
    for (const unknown of ['', '  ', 'two', '-1', '1.5', -1, 1.5, null, undefined]) expect(countOf(unknown)).toBeUndefined();
  });

  it('when the ticket id itself is empty or not a number, then the body is refused naming ticket.id (never its value)', () => {
    for (const id of ['', '  ', 'abc', '12a']) {
      const parsed = parseZendeskWebhook({ type: 'ticket_trigger', ticket: { id } });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues.join(' ')).toMatch(/^ticket\.id: /);
    }
  });

  it('when the body shipped in requirements.json is rendered for a ticket with CCs and comments, then it parses with every field CC enforcement (C07, C08: the requester\'s address) and the comment scan use', () => {
    const requirements = JSON.parse(readFileSync(new URL('../../../requirements.json', import.meta.url), 'utf8')) as {
      triggers: Record<string, { actions: Array<{ field: string; value: [string, string] }> }>;
    };
    for (const trigger of Object.values(requirements.triggers)) {
      const template = trigger.actions.find((a) => a.field === 'notification_webhook')!.value[1];
      const rendered = renderLiquid(template);
      const ticket = ticketOf(JSON.parse(rendered));
      expect(ticket.id).toBe(42);
      expect(ticket.requester_id).toBe(501);
      expect(ticket.requester_email).toBe('rita@example.com');
      expect((ticket as { subject?: string }).subject).toBe('Please unsubscribe me');
      expect(ticket.email_ccs).toEqual([
        { id: 601, email: 'cc1@example.com', role: 'end-user' },
        { id: 602, email: 'agent@example.com', role: 'agent' },
      ]);
      expect(ticket.comment_ids).toEqual([9001, 9002]);
      expect(ticket.latest_comment).toMatchObject({ id: 9002, value: 'My card is on file', attachment_count: 1 });
      expect(['create', 'change']).toContain(ticket.update_type);
    }
  });
});

/**
 * A small stand-in for Zendesk's renderer, enough for the shipped template: `{% for x in list %}`
 * loops (with `forloop.last`), `{{list | size}}`, and `{{path}}` placeholders, filled from a fixed ticket. Zendesk
 * escapes placeholder values for JSON bodies; these values need no escaping.
 */
function renderLiquid(template: string): string {
  const ccs = [
    { id: 601, email: 'cc1@example.com', role: 'End user' },
    { id: 602, email: 'agent@example.com', role: 'Agent' },
  ];
  const comments = [{ id: 9001 }, { id: 9002 }];
  const values: Record<string, unknown> = {
    'ticket.id': 42,
    'ticket.status': 'Open',
    'ticket.requester.id': 501,
    'ticket.requester.email': 'rita@example.com',
    'ticket.title': 'Please unsubscribe me',
    'ticket.via': 'Mail',
    'ticket.tags': 'billing vip',
    'ticket.updated_at_with_timestamp': '2026-12-07T01:00Z',
    'current_user.id': 1,
    'ticket.latest_comment.id': 9002,
    'ticket.latest_comment.value': 'My card is on file',
    'ticket.latest_comment.is_public': 'true',
  };
  const lists: Record<string, Array<Record<string, unknown>>> = { 'ticket.ccs': ccs, 'ticket.comments': comments, 'ticket.latest_comment.attachments': [{ filename: 'invoice.pdf' }] };
  const loops = template.replace(/\{%\s*for (\w+) in ([\w.]+)\s*%\}([\s\S]*?)\{%\s*endfor\s*%\}/g, (_m, name: string, list: string, body: string) =>
    (lists[list] ?? [])
      .map((item, index, all) =>
        body
          .replace(/\{%\s*unless forloop\.last\s*%\}([\s\S]*?)\{%\s*endunless\s*%\}/g, (_u, inner: string) => (index === all.length - 1 ? '' : inner))
          .replace(new RegExp(`\\{\\{\\s*${name}\\.(\\w+)\\s*\\}\\}`, 'g'), (_p, field: string) => String(item[field] ?? '')),
      )
      .join(''),
  );
  return loops.replace(/\{\{\s*([\w.]+)\s*(\|\s*size\s*)?\}\}/g, (_m, path: string, size?: string) => {
    // Liquid's size filter: the length of a list.
    if (size !== undefined && path in lists) return String(lists[path]!.length);
    if (!(path in values) || size !== undefined) throw new Error(`the template uses ${path}${size ?? ''}, which this test does not render`);
    return String(values[path]);
  });
}
