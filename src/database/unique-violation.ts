/** PostgreSQL SQLSTATE `unique_violation` (PostgreSQL docs, Appendix A "Error Codes"). */
export const UNIQUE_VIOLATION = '23505';

/**
 * Whether `error` (a TypeORM QueryFailedError, which copies the pg error's `code` and `constraint`, or a pg error) is a
 * unique violation, and of the named `constraint` when one is given.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: violated } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && (constraint === undefined || violated === constraint);
}
