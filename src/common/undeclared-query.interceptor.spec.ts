import { describe, expect, it } from '@jest/globals';
import { Query } from '@nestjs/common';
import { declaredQueryParameters } from './undeclared-query.interceptor.js';

class SearchDto {
  q?: string;
}

class ControllerFixture {
  none(): void {}
  whole(@Query() _query: SearchDto): void {}
  named(@Query('format') _format: string, @Query('page') _page: string): void {}
}

describe(declaredQueryParameters.name, () => {
  it('gives no names for a route without @Query, so every parameter is undeclared', () => {
    expect(declaredQueryParameters(ControllerFixture, 'none')).toEqual(new Set());
  });

  it('leaves a route that takes the whole query to its DTO (or its own parser)', () => {
    expect(declaredQueryParameters(ControllerFixture, 'whole')).toBe('any');
  });

  it('gives the names of single @Query parameters', () => {
    expect(declaredQueryParameters(ControllerFixture, 'named')).toEqual(new Set(['format', 'page']));
  });
});
