/** An error that becomes a response with the standard body: {error: {code, message, fields?}}. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) => new HttpError(400, 'invalid_input', message, fields);
export const unauthorised = (message = 'Please sign in.', code = 'unauthenticated') => new HttpError(401, code, message);
export const forbidden = (message = 'Your role does not allow this.') => new HttpError(403, 'forbidden', message);
export const notFound = (what = 'That record') => new HttpError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, code = 'conflict') => new HttpError(409, code, message);
export const staleVersion = () =>
  new HttpError(412, 'stale_version', 'Someone else saved a newer version of this record. Reload it to see their changes.');
export const versionRequired = () =>
  new HttpError(428, 'version_required', 'This change needs the version you are editing (If-Match header).');
export const tooManyRequests = (message: string) => new HttpError(429, 'rate_limited', message);
