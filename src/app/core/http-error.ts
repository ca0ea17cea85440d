import { HttpErrorResponse } from '@angular/common/http';

export interface ApiError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** Reads the server's standard error body; a network failure gets a plain explanation too. */
export function apiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
    if (body?.error?.message) {
      return { status: error.status, code: body.error.code ?? 'error', message: body.error.message, fields: body.error.fields ?? {} };
    }
    if (error.status === 0) {
      return { status: 0, code: 'offline', message: 'The server cannot be reached. Check the connection and try again.', fields: {} };
    }
    return { status: error.status, code: 'error', message: 'Something went wrong. Please try again.', fields: {} };
  }
  return { status: 0, code: 'error', message: 'Something went wrong. Please try again.', fields: {} };
}
