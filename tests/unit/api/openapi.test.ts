import { expect } from 'chai';
import { openApiPath } from '../../../api/openapi-document.js';
import { startTestApi, type TestApi } from './test-api.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>>;
  components: Record<string, Record<string, unknown>>;
};

/** Every `$ref` in the document, with the JSON pointer it names. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refs(child, found);
    }
  }
  return found;
}

function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), document);
}

describe('api > openapi', () => {
  let api: TestApi;
  let document: Document;
  before(async () => {
    api = await startTestApi();
    document = (await api.client.request('GET', '/api/v1/openapi.json')).body as Document;
  });
  after(() => api.close());

  it('describes exactly the routes the express app serves', () => {
    const stack = (api.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const served = stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${openApiPath(layer.route!.path)}`) : []));
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(served.length).to.be.greaterThan(25);
    expect([...documented].sort()).to.deep.equal([...served].sort());
  });

  it('is a structurally valid OpenAPI 3.1 document', () => {
    expect(document.openapi).to.equal('3.1.0');
    expect(document.info.title).to.be.a('string');
    const operationIds = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      expect(path, 'paths start with /').to.match(/^\//);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods)) {
        expect(['get', 'put', 'post', 'delete', 'patch'], path).to.include(method);
        expect(operationIds.has(operation.operationId), `duplicate operationId ${operation.operationId}`).to.equal(false);
        operationIds.add(operation.operationId);
        expect(Object.keys(operation.responses).length, `${method} ${path} has responses`).to.be.greaterThan(0);
        const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
        expect(pathParameters.sort(), `${method} ${path} declares its path parameters`).to.deep.equal([...templated].sort());
      }
    }
    for (const ref of refs(document)) expect(resolve(document, ref), `${ref} resolves`).to.not.equal(undefined);
  });

  it('documents filters, the version header and the permission of a route', () => {
    const list = document.paths['/api/v1/incidents']!.get!;
    expect(list.parameters.map((parameter) => parameter.name)).to.include.members(['status', 'severity', 'organization', 'rule', 'from', 'to', 'q', 'sort', 'order', 'limit', 'cursor']);
    const patch = document.paths['/api/v1/incidents/{id}']!.patch! as unknown as { parameters: { name: string }[]; 'x-permission': string; requestBody: unknown };
    expect(patch.parameters.map((parameter) => parameter.name)).to.include('If-Match');
    expect(patch['x-permission']).to.equal('incidents:write');
    expect(patch.requestBody).to.have.nested.property('content.application/json.schema.properties.status');
  });
});
