import type { K8sObject } from './manifests';

export interface IngressLocation {
  path: string;
  service: string;
  port: number | string;
  ingress: string;
}

/**
 * The locations ingress-nginx writes for one host, in the order nginx tries them.
 *
 * What ingress-nginx does (internal/ingress/controller/controller.go,
 * createServers/getBackendServers): it gathers the paths of every Ingress for
 * the host, sorts them by path string descending and then, stably, by length
 * descending, and writes one `location` each in that order. With use-regex on
 * any Ingress of the host, every location is `location ~* "^<path>"`: a
 * case-insensitive regex anchored at the start only; nginx takes the first
 * regex location that matches.
 *
 * What this model leaves out, on purpose: nginx matches the normalized URI
 * (percent-decoded, `//` merged, `.`/`..` resolved); PCRE vs JavaScript regex
 * differences (our paths use only `?`, `(.*)` and literals, the same in both);
 * the controller's own default backend for a host with no matching path (ours
 * always match `/?(.*)`); and Exact/Prefix path types (we use none).
 */
export function ingressNginxLocations(ingresses: K8sObject[], host: string): IngressLocation[] {
  const locations: IngressLocation[] = [];
  for (const ingress of ingresses) {
    for (const rule of ingress.spec?.rules ?? []) {
      if (rule.host !== host) continue;
      for (const entry of rule.http?.paths ?? []) {
        const port = entry.backend.service.port;
        locations.push({ path: entry.path, service: entry.backend.service.name, port: port.number ?? port.name, ingress: ingress.metadata.name });
      }
    }
  }
  const byPathDescending = [...locations].sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
  return byPathDescending.sort((a, b) => b.path.length - a.path.length); // Array.prototype.sort is stable
}

/** The location nginx picks for a request path (no query string), or undefined when none matches. */
export function routeFor(locations: IngressLocation[], requestPath: string): IngressLocation | undefined {
  return locations.find((location) => new RegExp(`^${location.path}`, 'i').test(requestPath));
}
