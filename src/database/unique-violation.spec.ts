import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation.js';

const queryFailed = (driverError: Record<string, unknown>) =>
  new QueryFailedError('INSERT INTO "partners" ...', [], Object.assign(new Error('duplicate key value violates unique constraint'), driverError));

describe(isUniqueViolation.name, () => {
  it('recognises a duplicate key of the named constraint as TypeORM reports it', () => {
    expect(isUniqueViolation(queryFailed({ code: '23505', constraint: 'UQ_slug' }), 'UQ_slug')).toBe(true);
    expect(isUniqueViolation(queryFailed({ code: '23505', constraint: 'UQ_slug' }))).toBe(true);
  });

  it('refuses another constraint, another SQLSTATE and things that are not errors', () => {
    expect(isUniqueViolation(queryFailed({ code: '23505', constraint: 'PK_partners' }), 'UQ_slug')).toBe(false);
    expect(isUniqueViolation(queryFailed({ code: '23503', constraint: 'UQ_slug' }), 'UQ_slug')).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
