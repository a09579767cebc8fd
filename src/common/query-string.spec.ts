import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from './problem-details.js';
import { refuseNonUtf8Query } from './query-string.js';

/** What the middleware passed to `next` for a request to `url`: nothing, or the refused fields. */
function outcome(url: string): 'passed' | RequestValidationError['violations'] {
  let result: unknown = 'unset';
  refuseNonUtf8Query({ originalUrl: url } as Request, {} as Response, ((error?: unknown) => (result = error)) as NextFunction);
  if (result === undefined) return 'passed';
  if (result instanceof RequestValidationError) return result.violations;
  throw new Error(`unexpected next(${JSON.stringify(result)})`);
}

describe('refuseNonUtf8Query', () => {
  it.each(['/incidents', '/incidents?q=x', '/incidents?q=caf%C3%A9&limit=5', '/incidents?q=%E6%95%B0%E6%8D%AE', '/x?q=100%25', '/x?q=%zz', '/x?a&b=', '/x?q=a+b'])(
    'passes %s',
    (url) => expect(outcome(url)).toBe('passed'),
  );

  it.each([
    ['/incidents?q=%C3%28', 'q'],
    ['/incidents?q=%FF', 'q'],
    ['/incidents?q=ok&sort=%E2%82', 'sort'],
    ['/incidents?q=%C3x%A9', 'q'], // the two bytes of é split by a literal character
    ['/x?caf%C3%A9=%ED%A0%80', 'café'], // an encoded surrogate is not UTF-8 either
    ['/x?my+name=%C0%AF', 'my name'], // an overlong encoding of "/"
  ])('refuses %s naming %s', (url, field) => {
    expect(outcome(url)).toEqual([{ field, messages: [`${field} is not valid UTF-8 once percent-decoded (percent-encoded bytes must form UTF-8 characters)`] }]);
  });

  it('names a parameter whose name itself is not UTF-8 by its raw text', () => {
    expect(outcome('/x?%FF=1')).toEqual([{ field: '%FF', messages: ['query parameter name %FF is not valid UTF-8 once percent-decoded'] }]);
  });
});
