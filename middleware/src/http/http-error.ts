/** An error that already knows its HTTP status; the error mapper renders it as `{error:{code,message}}`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues?: string[]) {
    super(message);
    this.name = 'HttpError';
  }
}
