import { METHODS } from 'node:http';
import type { Request } from 'express';

/** The parts of Express 5's router (package `router`) this reads: route layers and their path matchers. */
interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * The HTTP methods the app's routes answer for the request's path (HEAD wherever GET is), sorted; empty when no
 * route has that path. Reads the Express router's route layers (`request.app.router.stack`), so it sees exactly the
 * routes Nest registered; routes that answer every method (`.all()`, e.g. Nest's not-found catch-all `*path`) are
 * skipped. Used to answer 405 with `Allow` (RFC 9110 §15.5.6) instead of 404.
 */
export function allowedMethods(request: Request): string[] {
  const stack = (request.app as unknown as { router?: { stack?: RouterLayer[] } } | undefined)?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(request.path)) continue;
    const answered = Object.entries(layer.route.methods).filter(([method, enabled]) => enabled && method !== '_all').map(([method]) => method.toUpperCase());
    if (layer.route.methods._all || answered.length >= METHODS.length) continue;
    answered.forEach((method) => methods.add(method));
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
