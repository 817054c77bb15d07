/**
 * Types for the npm package `zendesk_app_framework_sdk` (2.0.11 ships none): the parts the app
 * uses. https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/
 */
declare module 'zendesk_app_framework_sdk' {
  /** What the host sends with `app.registered`. */
  export interface ZafRegistration {
    metadata?: { appId?: number; installationId?: number; name?: string; settings?: Record<string, unknown> };
    context?: { location?: string; product?: string; ticketId?: number; host?: string };
  }

  /** The result of `get`: the values by path, and an `errors` map for paths the host refused. */
  export type ZafGetResult = Record<string, unknown> & { errors?: Record<string, { message?: string; name?: string }> };

  export interface ZafClient {
    on(event: 'app.registered', handler: (data: ZafRegistration) => void): void;
    /** A hook such as `ticket.save`: a rejected promise (or `false`) stops the action; its message is shown. */
    on(event: string, handler: (data?: unknown) => unknown): void;
    off(event: string, handler: (data?: unknown) => unknown): void;
    get(paths: string | string[]): Promise<ZafGetResult>;
    set(key: string, value: unknown): Promise<ZafGetResult>;
    invoke(name: string, ...args: unknown[]): Promise<ZafGetResult>;
    context(): Promise<NonNullable<ZafRegistration['context']>>;
  }

  const ZAFClient: {
    /** A client, or false when the page was not opened with `origin` and `app_guid` (not in Zendesk). */
    init(callback?: (context: ZafRegistration['context']) => void): ZafClient | false;
  };
  export default ZAFClient;
}
