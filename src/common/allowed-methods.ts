import { METHODS } from 'node:http';
import type { Request } from 'express';

/** The parts of Express 5's router (package `router`) this reads: route layers and their path matchers. */
interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  /** false, or what matched: the route parameters of the path, decoded (router 2.x returns them, it stores nothing). */
  match(path: string): false | { params?: Record<string, unknown> };
}

const routeLayers = (request: Request): RouterLayer[] =>
  (request.app as unknown as { router?: { stack?: RouterLayer[] } } | undefined)?.router?.stack?.filter((layer) => layer.route) ?? [];

/** Stands in for a path segment that cannot be percent-decoded, so the route that would take it can still match. */
const UNDECODABLE = 'aisw-undecodable-segment';

/**
 * The name of the route parameter (`id`, `subscriptionId`) that takes the request path's segment whose
 * percent-escapes are not UTF-8 (`/incidents/%FF`): Express's router refuses such a path with a URIError ("Failed to
 * decode param") before any pipe runs. Matches the path, that segment replaced, against the route layers
 * (`request.app.router.stack`). Undefined when every segment decodes or no route takes that segment as a parameter.
 */
export function undecodablePathParameter(request: Request): string | undefined {
  let replaced = false;
  const path = request.path
    .split('/')
    .map((segment) => {
      try {
        decodeURIComponent(segment);
        return segment;
      } catch {
        replaced = true;
        return UNDECODABLE;
      }
    })
    .join('/');
  if (!replaced) return undefined;
  for (const layer of routeLayers(request)) {
    const matched = layer.match(path);
    const name = matched ? Object.entries(matched.params ?? {}).find(([, value]) => value === UNDECODABLE)?.[0] : undefined;
    if (name) return name;
  }
  return undefined;
}

/**
 * The HTTP methods the app's routes answer for the request's path (HEAD wherever GET is), sorted; empty when no
 * route has that path. Reads the Express router's route layers (`request.app.router.stack`), so it sees exactly the
 * routes Nest registered; routes that answer every method (`.all()`, e.g. Nest's not-found catch-all `*path`) are
 * skipped. Used to answer 405 with `Allow` (RFC 9110 §15.5.6) instead of 404.
 */
export function allowedMethods(request: Request): string[] {
  const methods = new Set<string>();
  for (const layer of routeLayers(request)) {
    if (!layer.route || !layer.match(request.path)) continue;
    const answered = Object.entries(layer.route.methods).filter(([method, enabled]) => enabled && method !== '_all').map(([method]) => method.toUpperCase());
    if (layer.route.methods._all || answered.length >= METHODS.length) continue;
    answered.forEach((method) => methods.add(method));
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
