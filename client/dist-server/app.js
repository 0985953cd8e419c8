"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createApp = createApp;
const node_path_1 = __importDefault(require("node:path"));
const express_1 = __importDefault(require("express"));
const service_kit_1 = require("@blog/service-kit");
const proxy_1 = require("./proxy");
/**
 * The public origin: `/healthz` and `/readyz` for probes, then every request
 * goes where the routing table says — a service, or the app itself, whose
 * unknown paths fall back to index.html so that client-side URLs load.
 */
function createApp(deps) {
    const { router, upstreams, staticDir, logger } = deps;
    const missing = router.upstreamServices.filter((service) => !upstreams[service]);
    if (missing.length > 0)
        throw new Error(`routing table names services with no URL: ${missing.join(', ')}`);
    const app = (0, express_1.default)();
    app.disable('x-powered-by');
    app.use((0, service_kit_1.healthRoutes)(deps.readiness));
    const forward = (0, proxy_1.createProxy)({ logger, onStreaming: (res) => deps.openResponses?.track(res) });
    app.use((req, res, next) => {
        const service = router.serviceFor(req.path);
        const target = upstreams[service];
        if (service === router.fallback || !target)
            return next();
        forward(req, res, target, service);
    });
    // Hashed assets may be cached for good; index.html must always be asked for again.
    app.use('/assets', express_1.default.static(node_path_1.default.join(staticDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: true }));
    app.use(express_1.default.static(staticDir, { index: false, maxAge: 0 }));
    const indexFile = node_path_1.default.join(staticDir, 'index.html');
    app.use((req, res, next) => {
        // A page is what a browser asks for by URL; a missing file or any other method (POST /events) is a 404.
        const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && node_path_1.default.extname(req.path) === '';
        if (!wantsPage)
            return next();
        res.set('cache-control', 'no-cache');
        res.sendFile(indexFile, (error) => {
            if (!error)
                return;
            logger.error({ err: error, indexFile }, 'the built app is missing: run npm run build');
            if (!res.headersSent)
                res.status(500).json({ errors: [{ message: 'The app has not been built.' }] });
        });
    });
    app.use(service_kit_1.notFoundHandler);
    app.use((0, service_kit_1.errorHandler)(logger));
    return app;
}
//# sourceMappingURL=app.js.map