import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './openapi-problems.js';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/health': { get: { responses: { 200: { description: 'ok' } } } },
    '/incidents': {
      get: { parameters: [{ name: 'q', in: 'query' }], security: [{ bearer: [] }], responses: { 200: { description: 'page' } } },
      post: { requestBody: { content: {} }, security: [{ bearer: [] }], responses: { 201: { description: 'filed' }, 400: { description: 'own words' } } },
    },
    '/taxonomy': {
      get: { security: [{ bearer: [] }], responses: { 200: { description: 'terms' }, 409: { description: 'TAXONOMY.CONFLICT' } } },
    },
    '/incidents/{id}': { get: { parameters: [{ name: 'id', in: 'path' }], security: [{ bearer: [] }], responses: { 200: { description: 'one' } } } },
    '/taxii2/': { get: { security: [{ bearer: [] }], responses: { 200: { description: 'discovery' } } } },
  },
});

describe('withProblemResponses', () => {
  it('adds problem+json error answers by what a route takes and whether it is authenticated, keeping described ones', () => {
    const { paths, components } = withProblemResponses(document());
    const statuses = (path: string, method: string) => Object.keys((paths[path] as Record<string, { responses: object }>)[method].responses).sort();

    expect(statuses('/health', 'get')).toEqual(['200', '429']);
    expect(statuses('/incidents', 'get')).toEqual(['200', '400', '401', '403', '429']);
    expect(statuses('/incidents/{id}', 'get')).toEqual(['200', '400', '401', '403', '404', '429']);
    const post = (paths['/incidents'] as Record<string, { responses: Record<string, { description: string; content?: object }> }>).post.responses;
    expect(post['400']).toEqual({ description: 'own words', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    expect(statuses('/taxonomy', 'get')).toEqual(['200', '400', '401', '403', '409', '429']);
    expect((paths['/taxonomy'] as Record<string, { responses: Record<string, { content?: object }> }>).get.responses['409'].content).toBeDefined();
    expect(post['401'].content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
    expect(components?.schemas?.Problem).toMatchObject({ required: ['type', 'title', 'status'] });
    const taxii = (paths['/taxii2/'] as Record<string, { responses: Record<string, { content?: object }> }>).get.responses;
    expect(taxii['401'].content).toEqual({ 'application/taxii+json;version=2.1': { schema: { $ref: '#/components/schemas/TaxiiError' } } });
  });
});
