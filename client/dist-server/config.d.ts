import { z } from 'zod';
/**
 * The client server knows the three services the browser may reach, and no
 * other: there is deliberately no event-bus URL here, so nothing sent to
 * port 3000 can ever reach the bus.
 */
export declare const clientConfigSchema: z.ZodObject<{
    PORT: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
    POSTS_URL: z.ZodDefault<z.ZodURL>;
    COMMENTS_URL: z.ZodDefault<z.ZodURL>;
    QUERY_URL: z.ZodDefault<z.ZodURL>;
    LOG_LEVEL: z.ZodDefault<z.ZodEnum<{
        error: "error";
        fatal: "fatal";
        warn: "warn";
        info: "info";
        debug: "debug";
        trace: "trace";
        silent: "silent";
    }>>;
}, z.core.$strip>;
export type ClientConfig = z.infer<typeof clientConfigSchema>;
export declare function loadClientConfig(env?: NodeJS.ProcessEnv): ClientConfig;
/** The routing table's service names, mapped to where each one listens. */
export declare function upstreamsFrom(config: ClientConfig): Record<string, URL>;
//# sourceMappingURL=config.d.ts.map