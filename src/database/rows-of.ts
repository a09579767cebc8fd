/**
 * Rows of a raw TypeORM PostgreSQL query result: SELECT/INSERT give `rows`, UPDATE/DELETE ... RETURNING give
 * `[rows, affectedCount]`. One place knows this driver detail.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
