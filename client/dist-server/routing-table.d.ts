import { z } from 'zod';
/**
 * The one routing table of the public origin (the course's ingress), shared
 * with the Kubernetes Ingress and the Vite dev server: ordered regular
 * expressions on the path, first match wins, everything else is the app.
 */
export declare const RoutingTableSchema: z.ZodObject<{
    routes: z.ZodArray<z.ZodObject<{
        match: z.ZodString;
        service: z.ZodString;
    }, z.core.$strip>>;
    fallback: z.ZodString;
    samples: z.ZodDefault<z.ZodArray<z.ZodObject<{
        method: z.ZodString;
        path: z.ZodString;
        service: z.ZodString;
    }, z.core.$strip>>>;
}, z.core.$strip>;
export type RoutingTable = z.infer<typeof RoutingTableSchema>;
/** Reads and checks the table; by default from the repository, seen from client/server or client/dist-server. */
export declare function loadRoutingTable(file?: string): RoutingTable;
/** A compiled table: answers which service a path belongs to. */
export interface Router {
    serviceFor(pathname: string): string;
    /** The services the routes name, in table order, without the fallback. */
    readonly upstreamServices: readonly string[];
    readonly fallback: string;
}
export declare function compileRoutingTable(table: RoutingTable): Router;
//# sourceMappingURL=routing-table.d.ts.map