import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../errors';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv's findings into {field path: plain message}. */
export function fieldMessages(issues: ValidationIssue[], context: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    let path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    let message: string;
    switch (issue.keyword) {
      case 'required':
        path = [path, String(issue.params?.['missingProperty'] ?? '')].filter(Boolean).join('.');
        message = 'This field is required.';
        break;
      case 'additionalProperties':
        path = [path, String(issue.params?.['additionalProperty'] ?? '')].filter(Boolean).join('.');
        message = 'This field is not allowed here.';
        break;
      case 'minLength':
        message = Number(issue.params?.['limit']) <= 1 ? 'This field cannot be empty.' : `Use at least ${issue.params?.['limit']} characters.`;
        break;
      case 'maxLength':
        message = `Use at most ${issue.params?.['limit']} characters.`;
        break;
      case 'pattern':
        message = 'This value is not in the expected format.';
        break;
      default:
        message = issue.message ? issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.' : 'This value is not valid.';
    }
    fields[path || context] ??= message;
  }
  return fields;
}

/** A unique constraint refused the write: PostgreSQL 23505, or SQLite's UNIQUE constraint. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const fields = fieldMessages(fastifyError.validation as ValidationIssue[], fastifyError.validationContext ?? 'body');
      return reply.status(400).send({ error: { code: 'invalid_input', message: 'Some fields need correcting.', fields } });
    }
    if (isUniqueViolation(error)) {
      // Two requests racing past a "does it exist?" check, or a route that forgot to check: still the client's conflict.
      return reply.status(409).send({ error: { code: 'conflict', message: 'That conflicts with a record that already exists.' } });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : 'bad_request';
      const message = status === 415
        ? 'Send the data as JSON.'
        : status === 413
          ? 'The request is too large.'
          : status === 429
            ? 'Too many requests. Please wait a moment and try again.'
            : 'The request could not be read.';
      return reply.status(status).send({ error: { code, message } });
    }
    // Internal detail goes to the log only; the client learns nothing about the failure's cause.
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  });
}

export default fp(errorsPlugin, { name: 'errors' });
