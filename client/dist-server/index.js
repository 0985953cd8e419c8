"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_path_1 = __importDefault(require("node:path"));
const service_kit_1 = require("@blog/service-kit");
const app_1 = require("./app");
const config_1 = require("./config");
const open_responses_1 = require("./open-responses");
const routing_table_1 = require("./routing-table");
async function main() {
    const config = (0, config_1.loadClientConfig)();
    const logger = (0, service_kit_1.createLogger)('client', config.LOG_LEVEL);
    const readiness = new service_kit_1.Readiness();
    const openResponses = new open_responses_1.OpenProxiedResponses();
    const app = (0, app_1.createApp)({
        router: (0, routing_table_1.compileRoutingTable)((0, routing_table_1.loadRoutingTable)()),
        upstreams: (0, config_1.upstreamsFrom)(config),
        staticDir: node_path_1.default.resolve(__dirname, '../dist'),
        logger,
        readiness,
        openResponses,
    });
    // Open streams end at once on SIGTERM, so the deadline only matters for ordinary requests.
    await (0, service_kit_1.serve)({ app, port: config.PORT, logger, readiness, streams: openResponses, drainTimeoutMs: 5000 });
    readiness.markReady();
    logger.info({ posts: config.POSTS_URL, comments: config.COMMENTS_URL, query: config.QUERY_URL }, `blog at http://localhost:${config.PORT}`);
}
main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
//# sourceMappingURL=index.js.map