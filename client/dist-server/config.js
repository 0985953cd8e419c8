"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clientConfigSchema = void 0;
exports.loadClientConfig = loadClientConfig;
exports.upstreamsFrom = upstreamsFrom;
const zod_1 = require("zod");
const service_kit_1 = require("@blog/service-kit");
/**
 * The client server knows the three services the browser may reach, and no
 * other: there is deliberately no event-bus URL here, so nothing sent to
 * port 3000 can ever reach the bus.
 */
exports.clientConfigSchema = zod_1.z.object({
    PORT: service_kit_1.configFields.port(3000),
    POSTS_URL: service_kit_1.configFields.url('http://localhost:4000'),
    COMMENTS_URL: service_kit_1.configFields.url('http://localhost:4001'),
    QUERY_URL: service_kit_1.configFields.url('http://localhost:4002'),
    LOG_LEVEL: service_kit_1.configFields.logLevel(),
});
function loadClientConfig(env = process.env) {
    return (0, service_kit_1.loadConfig)(exports.clientConfigSchema, env);
}
/** The routing table's service names, mapped to where each one listens. */
function upstreamsFrom(config) {
    return {
        posts: new URL(config.POSTS_URL),
        comments: new URL(config.COMMENTS_URL),
        query: new URL(config.QUERY_URL),
    };
}
//# sourceMappingURL=config.js.map