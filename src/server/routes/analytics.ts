import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../shared/api/common';
import { AnalyticsQuerySchema, AnalyticsSchema } from '../../shared/api/analytics';
import { listCentres } from '../db/repositories/centres';
import { computeAnalytics } from '../db/repositories/analytics';
import { badRequest } from '../errors';
import { currentUser, visibleCentreIds } from '../plugins/auth';

const MAX_DAYS = 731;

export default async function analyticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/analytics', {
    config: { access: { kind: 'staff', roles: ['manager'], centreScoped: true } },
    schema: {
      tags: ['analytics'], summary: 'Every figure of the Analytics page for a date range and centres',
      querystring: AnalyticsQuerySchema,
      response: { 200: AnalyticsSchema, 400: ErrorBody },
    },
  }, async (request) => {
    const user = currentUser(request);
    const { from, to } = request.query;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (!Number.isFinite(days)) throw badRequest('Some fields need correcting.', { from: 'Use real dates (YYYY-MM-DD).' });
    if (days < 0) throw badRequest('Some fields need correcting.', { to: 'The end date must be on or after the start date.' });
    if (days > MAX_DAYS) throw badRequest('Some fields need correcting.', { from: 'Choose a range of two years or less.' });
    const visible = await listCentres(app.db, visibleCentreIds(user));
    const wanted = request.query.centres ? new Set(request.query.centres.split(',').map((id) => id.trim()).filter(Boolean)) : null;
    const centres = wanted ? visible.filter((c) => wanted.has(c.id)) : visible;
    if (wanted && centres.length !== wanted.size) throw badRequest('Some fields need correcting.', { centres: 'Choose centres from the list.' });
    return computeAnalytics(app.db, { from, to, centres });
  });
}
