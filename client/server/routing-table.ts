import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one routing table of the public origin (the course's ingress), shared
 * with the Kubernetes Ingress and the Vite dev server: ordered regular
 * expressions on the path, first match wins, everything else is the app.
 */
export const RoutingTableSchema = z.object({
  routes: z
    .array(
      z.object({
        match: z.string().refine(isValidRegExp, 'must be a valid regular expression'),
        service: z.string().min(1),
      }),
    )
    .min(1),
  fallback: z.string().min(1),
  samples: z
    .array(z.object({ method: z.string(), path: z.string().startsWith('/'), service: z.string() }))
    .default([]),
});
export type RoutingTable = z.infer<typeof RoutingTableSchema>;


function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks the table; by default from the repository, seen from client/server or client/dist-server. */
export function loadRoutingTable(file: string = path.resolve(__dirname, '../../infra/routing-table.json')): RoutingTable {
  return RoutingTableSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** A compiled table: answers which service a path belongs to. */
export interface Router {
  serviceFor(pathname: string): string;
  /** The services the routes name, in table order, without the fallback. */
  readonly upstreamServices: readonly string[];
  readonly fallback: string;
}

export function compileRoutingTable(table: RoutingTable): Router {
  const routes = table.routes.map((route) => ({ pattern: new RegExp(route.match), service: route.service }));
  return {
    fallback: table.fallback,
    upstreamServices: [...new Set(routes.map((route) => route.service))],
    serviceFor(pathname) {
      return routes.find((route) => route.pattern.test(pathname))?.service ?? table.fallback;
    },
  };
}
