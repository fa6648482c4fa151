// The OpenAPI document and the server's route table describe the same API.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import YAML from 'yaml';

import { runCli } from './support.mjs';

const SPEC_PATH = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let spec; // { "METHOD /path": operationId }
let routes; // { "METHOD /path": operation_id }
let specError;

before(async () => {
  const r = await runCli(['routes']);
  assert.equal(r.code, 0, `cordon routes exited ${r.code}: ${r.stderr}`);
  routes = {};
  // One JSON object per line; anything else on stdout (a log line) is not a route.
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) {
      continue;
    }
    const o = JSON.parse(line);
    const key = `${o.method} ${o.path}`;
    assert.equal(routes[key], undefined, `route listed twice: ${key}`);
    routes[key] = o.operation_id;
  }

  let text;
  try {
    text = await readFile(SPEC_PATH, 'utf8');
  } catch (err) {
    specError = `cannot read ${SPEC_PATH}: ${err.message}`;
    return;
  }
  const doc = YAML.parse(text);
  spec = {};
  for (const [p, item] of Object.entries(doc?.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (METHODS.includes(method)) {
        spec[`${method.toUpperCase()} ${p}`] = op?.operationId;
      }
    }
  }
});

test('cordon routes lists routes with an operation id each', () => {
  assert.ok(Object.keys(routes).length > 0, 'no routes');
  for (const [key, id] of Object.entries(routes)) {
    assert.match(id ?? '', /^[A-Za-z][A-Za-z0-9]*$/, `${key}: operation_id ${id}`);
    assert.match(key, /^[A-Z]+ \/[A-Za-z0-9_/{}.-]*$/, key);
  }
  const ids = Object.values(routes);
  assert.equal(new Set(ids).size, ids.length, 'operation ids are not unique');
});

test('docs/openapi.yaml exists and parses', () => {
  assert.equal(specError, undefined, specError);
  assert.ok(Object.keys(spec).length > 0, 'the spec has no operations');
});

test('every route is in the spec with the same operationId', () => {
  assert.equal(specError, undefined, specError);
  const problems = [];
  for (const [key, id] of Object.entries(routes)) {
    if (!(key in spec)) {
      problems.push(`${key} (${id}) is not in the spec`);
    } else if (spec[key] !== id) {
      problems.push(`${key}: operationId is ${spec[key]} in the spec, ${id} in the server`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every spec operation exists as a route', () => {
  assert.equal(specError, undefined, specError);
  const problems = [];
  for (const [key, id] of Object.entries(spec)) {
    if (!(key in routes)) {
      problems.push(`${key} (${id}) is in the spec but the server has no such route`);
    }
  }
  assert.deepEqual(problems, []);
});
