"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OpenProxiedResponses = void 0;
const service_kit_1 = require("@blog/service-kit");
/**
 * Proxied responses that may never end by themselves (the query service's
 * event stream). `serve()` closes these first on shutdown; otherwise the
 * server would wait for every open browser tab until the drain deadline.
 */
class OpenProxiedResponses extends service_kit_1.SseStreams {
    proxied = new Set();
    track(res) {
        this.proxied.add(res);
        res.on('close', () => this.proxied.delete(res));
    }
    get size() {
        return super.size + this.proxied.size;
    }
    closeAll() {
        super.closeAll();
        for (const res of this.proxied) {
            // The socket is kept alive after end(); destroy it once the last chunk is out so the server can close.
            res.once('finish', () => res.socket?.destroy());
            res.end();
        }
        this.proxied.clear();
    }
}
exports.OpenProxiedResponses = OpenProxiedResponses;
//# sourceMappingURL=open-responses.js.map