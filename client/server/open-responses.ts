import type { ServerResponse } from 'node:http';
import { SseStreams } from '@blog/service-kit';

/**
 * Proxied responses that may never end by themselves (the query service's
 * event stream). `serve()` closes these first on shutdown; otherwise the
 * server would wait for every open browser tab until the drain deadline.
 */
export class OpenProxiedResponses extends SseStreams {
  private readonly proxied = new Set<ServerResponse>();

  track(res: ServerResponse): void {
    this.proxied.add(res);
    res.on('close', () => this.proxied.delete(res));
  }

  override get size(): number {
    return super.size + this.proxied.size;
  }

  override closeAll(): void {
    super.closeAll();
    for (const res of this.proxied) {
      // The socket is kept alive after end(); destroy it once the last chunk is out so the server can close.
      res.once('finish', () => res.socket?.destroy());
      res.end();
    }
    this.proxied.clear();
  }
}
