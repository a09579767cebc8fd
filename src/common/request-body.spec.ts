import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from './problem-details.js';
import { checkJsonShape, duplicateKeyPaths, DuplicateKeysError, removedKeyViolations, requireJsonMediaType, verifyJsonBody } from './request-body.js';

/** The body after checkJsonShape, and what it passed to `next`. */
function shapeOf(text: string): { body: Record<string, unknown>; next: unknown } {
  const request = { body: JSON.parse(text) as Record<string, unknown> } as Request;
  let next: unknown = 'unset';
  checkJsonShape(request, {} as Response, ((error?: unknown) => (next = error)) as NextFunction);
  return { body: request.body as Record<string, unknown>, next };
}

describe('duplicateKeyPaths', () => {
  it.each([
    ['{"a":1,"a":2}', [{ path: 'a', key: 'a' }]],
    ['{"contacts":[{"email":"x@y.z","email":"q@y.z"}]}', [{ path: 'contacts.0.email', key: 'email' }]],
    ['{"a":{"b":1,"b":2},"c":1,"c":2,"c":3}', [{ path: 'a.b', key: 'b' }, { path: 'c', key: 'c' }]],
    ['{"title":"x","\\u0074itle":"y"}', [{ path: 'title', key: 'title' }]], // the same key once escapes are decoded
  ])('finds the duplicates of %s', (text, expected) => {
    expect(duplicateKeyPaths(text)).toEqual(expected);
  });

  it.each([
    ['the same key in sibling objects', '{"a":{"x":1},"b":{"x":1},"l":[{"x":1},{"x":2}]}'],
    ['keys that differ only in case', '{"title":"x","Title":"y"}'],
    ['a syntax error (left to JSON.parse)', '{"a":1,"a":2'],
    ['a comment (not JSON)', '{"a":1,/* c */"a":2}'],
    ['a trailing comma (not JSON)', '{"a":1,"a":2,}'],
    ['nesting deeper than the scanner recursion', `${'['.repeat(50_000)}{"a":1,"a":2}${']'.repeat(50_000)}`],
  ])('reports none for %s', (_case, text) => {
    expect(duplicateKeyPaths(text)).toEqual([]);
  });
});

describe('verifyJsonBody', () => {
  it('refuses duplicate keys with one error per duplicated path, as a 400', () => {
    let thrown: unknown;
    try {
      verifyJsonBody({}, {}, Buffer.from('{"reason":"a","reason":"b","x":{"y":1,"y":1}}'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DuplicateKeysError);
    expect((thrown as DuplicateKeysError).status).toBe(400);
    expect((thrown as RequestValidationError).violations).toEqual([
      { field: 'reason', messages: ['duplicate key reason: a key may appear only once in a JSON object'] },
      { field: 'x.y', messages: ['duplicate key y: a key may appear only once in a JSON object'] },
    ]);
  });

  it('passes a body without duplicates', () => {
    expect(() => verifyJsonBody({}, {}, Buffer.from('{"reason":"a","contacts":[{"name":"n"},{"name":"m"}]}'))).not.toThrow();
  });
});

describe('checkJsonShape', () => {
  it('removes every prototype key at any depth and keeps their refusals for the validation pipe, sorted by path', () => {
    const { body, next } = shapeOf('{"name":"x","constructor":{"prototype":{}},"__proto__":{"admin":true},"contacts":[{"prototype":1,"name":"n"}]}');
    expect(next).toBeUndefined();
    expect(body).toEqual({ name: 'x', contacts: [{ name: 'n' }] });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(removedKeyViolations(body)).toEqual([
      { field: '__proto__', messages: ['property __proto__ should not exist'] },
      { field: 'constructor', messages: ['property constructor should not exist'] },
      { field: 'contacts.0.prototype', messages: ['property prototype should not exist'] },
    ]);
  });

  it('records nothing for a clean body', () => {
    const { body, next } = shapeOf('{"name":"x"}');
    expect(next).toBeUndefined();
    expect(removedKeyViolations(body)).toEqual([]);
  });
});

describe('requireJsonMediaType', () => {
  /** What requireJsonMediaType passed to `next` for a body of 2 bytes with this Content-Type. */
  const outcome = (contentType: string | undefined, contentLength = '2'): { status?: number; message?: string } | undefined => {
    const request = { headers: { 'content-type': contentType, 'content-length': contentLength }, path: '/incidents' } as unknown as Request;
    let passed: unknown = 'unset';
    requireJsonMediaType(request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
    return passed as { status?: number; message?: string } | undefined;
  };

  it.each(['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/problem+json; charset=utf-8'])('passes %s', (contentType) => {
    expect(outcome(contentType)).toBeUndefined();
  });

  it.each([
    ['application/json; charset=utf-16', 'utf-16'],
    ['application/json; charset=latin1', 'latin1'],
    ['application/json; charset=UTF-16LE', 'utf-16le'],
    ['application/json; charset=utf8', 'utf8'],
    ['application/json; charset=', 'empty'],
  ])('answers 415 for %s, naming the charset', (contentType, named) => {
    expect(outcome(contentType)).toMatchObject({ status: 415, message: `Content-Type charset must be utf-8 (JSON is UTF-8, RFC 8259 §8.1), not ${named}` });
  });

  it('answers 415 for a body that is not JSON, and lets a request without a body through', () => {
    expect(outcome('text/plain')).toMatchObject({ status: 415, message: 'Content-Type must be application/json, not text/plain' });
    expect(outcome('application/json; charset=latin1', '0')).toBeUndefined();
  });
});
