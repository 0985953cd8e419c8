import type { Request, Response } from 'express';

/**
 * The Server-Sent Events streams a server holds open. They never end by
 * themselves, so shutdown must close them, or the server cannot drain.
 */
export class SseStreams {
  private streams = new Set<Response>();

  /** Starts an SSE response and tracks it until the client goes away. */
  open(req: Request, res: Response): void {
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // ingress-nginx and other proxies must pass events through at once.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const res of this.streams) res.end();
    this.streams.clear();
  }
}

/** Formats one SSE message. `data` must be a single line (JSON is). */
export function sseFrame(message: { data: string; id?: string | number; event?: string }): string {
  let frame = '';
  if (message.event) frame += `event: ${message.event}\n`;
  if (message.id !== undefined) frame += `id: ${message.id}\n`;
  return `${frame}data: ${message.data}\n\n`;
}

/**
 * Writes SSE frames; resolves when the socket can take more, so a slow
 * reader slows its own stream instead of filling the server's memory.
 */
export function writeSse(res: Response, frames: string): Promise<void> {
  if (res.write(frames)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
