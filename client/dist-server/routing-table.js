"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RoutingTableSchema = void 0;
exports.loadRoutingTable = loadRoutingTable;
exports.compileRoutingTable = compileRoutingTable;
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const zod_1 = require("zod");
/**
 * The one routing table of the public origin (the course's ingress), shared
 * with the Kubernetes Ingress and the Vite dev server: ordered regular
 * expressions on the path, first match wins, everything else is the app.
 */
exports.RoutingTableSchema = zod_1.z.object({
    routes: zod_1.z
        .array(zod_1.z.object({
        match: zod_1.z.string().refine(isValidRegExp, 'must be a valid regular expression'),
        service: zod_1.z.string().min(1),
    }))
        .min(1),
    fallback: zod_1.z.string().min(1),
    samples: zod_1.z
        .array(zod_1.z.object({ method: zod_1.z.string(), path: zod_1.z.string().startsWith('/'), service: zod_1.z.string() }))
        .default([]),
});
function isValidRegExp(source) {
    try {
        new RegExp(source);
        return true;
    }
    catch {
        return false;
    }
}
/** Reads and checks the table; by default from the repository, seen from client/server or client/dist-server. */
function loadRoutingTable(file = node_path_1.default.resolve(__dirname, '../../infra/routing-table.json')) {
    return exports.RoutingTableSchema.parse(JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8')));
}
function compileRoutingTable(table) {
    const routes = table.routes.map((route) => ({ pattern: new RegExp(route.match), service: route.service }));
    return {
        fallback: table.fallback,
        upstreamServices: [...new Set(routes.map((route) => route.service))],
        serviceFor(pathname) {
            return routes.find((route) => route.pattern.test(pathname))?.service ?? table.fallback;
        },
    };
}
//# sourceMappingURL=routing-table.js.map