/**
 * When a client's API request stops counting against its concurrency limit. Usually when its
 * response is done; but a large response fits in the kernel's socket buffers (about 4 MiB on
 * Linux) and leaves the process at once, so a client that never reads could otherwise collect one
 * after another: 300 such connections parked 590 MB in kernel buffers on loopback. A large
 * response therefore keeps its request counted until the client shows it moved on: its next
 * request on that connection, or closing it.
 */
import type http from 'node:http';
import type net from 'node:net';

/** A response counts as large from this many bytes on (also the app's large-response cap: server/large-responses.ts). */
export const LARGE_RESPONSE_BYTES = 1024 * 1024;

export class UnreadResponses {
  private readonly held = new WeakMap<net.Socket, Array<() => void>>();

  /** A new request on `socket`: the client has moved past what was sent on it before. */
  acknowledge(socket: net.Socket): void {
    const releases = this.held.get(socket);
    if (!releases) return;
    this.held.delete(socket);
    for (const release of releases) release();
  }

  /** Calls `release` when the response is done, or, for a large one, once the client has moved on. */
  releaseWhenRead(req: http.IncomingMessage, res: http.ServerResponse, release: () => void): void {
    const socket = req.socket;
    const before = socket.bytesWritten;
    res.once('close', () => {
      const large = res.writableFinished && socket.bytesWritten - before >= LARGE_RESPONSE_BYTES;
      if (!large || socket.destroyed) {
        release();
        return;
      }
      const releases = this.held.get(socket);
      if (releases) {
        releases.push(release);
        return;
      }
      this.held.set(socket, [release]);
      socket.once('close', () => this.acknowledge(socket));
    });
  }
}
