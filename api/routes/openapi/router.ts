import { defineRoute, type RouteDefinition } from '../../route-definition.js';

/** The document is built lazily from the complete route list, which includes this route itself. */
export function openApiRoutes(document: () => Record<string, unknown>): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'operations',
      access: 'public',
      responses: { 200: { description: 'the OpenAPI document', contentType: 'application/json' } },
      handle: ({ res }) => {
        res.json(document());
      },
    }),
  ];
}
