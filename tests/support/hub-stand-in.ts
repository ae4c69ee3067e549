/**
 * A local stand-in for the Hugging Face Hub's file endpoints, enough for `npm run model:pull`:
 * GET /api/models/{repo}/tree/{revision}?recursive=true (the listing, with git blob ids and, for
 * LFS files, the content's SHA-256) and GET /{repo}/resolve/{revision}/{path} (the file, honouring
 * Range; LFS files answer with a redirect to a /cdn/ path, as the hub's CDN does).
 * It serves a real folder (the generated test model) on 127.0.0.1 only, records every request,
 * and can be told to misbehave: cut a download half-way, or list a wrong checksum.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StandInOptions {
  folder: string;
  repo: string;
  /** When set, every request must carry `Authorization: Bearer <token>` (a gated repo). */
  token?: string;
  /** Files at least this large are listed as LFS files (with a SHA-256), as the hub does. */
  lfsFrom?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

interface Entry {
  path: string;
  size: number;
  gitOid: string;
  sha256?: string;
}

function listFolder(root: string, lfsFrom: number): Entry[] {
  const out: Entry[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (name.startsWith('.')) continue;
      if (fs.statSync(full).isDirectory()) walk(full);
      else {
        const data = fs.readFileSync(full);
        out.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          size: data.length,
          gitOid: createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex'),
          sha256: data.length >= lfsFrom ? createHash('sha256').update(data).digest('hex') : undefined,
        });
      }
    }
  };
  walk(root);
  return out;
}

export async function startHubStandIn(opts: StandInOptions) {
  const entries = listFolder(opts.folder, opts.lfsFrom ?? 1_000_000);
  const requests: RecordedRequest[] = [];
  const faults = { cutOnce: new Set<string>(), wrongSha256: new Set<string>() };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({
      method: req.method ?? '',
      url: url.pathname + url.search,
      range: req.headers.range,
      authorization: req.headers.authorization,
    });
    const fail = (status: number, error: string, code?: string) => {
      res.writeHead(status, {
        'Content-Type': 'application/json',
        ...(code ? { 'X-Error-Code': code } : {}),
      });
      res.end(JSON.stringify({ error }));
    };
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`)
      return fail(401, 'Access to this repo is restricted: you must be authenticated');

    if (url.pathname === `/api/models/${opts.repo}/tree/main`) {
      const files = entries.map((e) => ({
        type: 'file',
        path: e.path,
        size: e.size,
        oid: e.sha256 ? '0'.repeat(40) : e.gitOid, // an LFS file's git oid is its pointer's
        ...(e.sha256
          ? {
              lfs: {
                oid: faults.wrongSha256.has(e.path) ? 'f'.repeat(64) : e.sha256,
                size: e.size,
                pointerSize: 134,
              },
            }
          : {}),
      }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(files));
    }

    const resolvePrefix = `/${opts.repo}/resolve/main/`;
    const cdnPrefix = '/cdn/';
    let filePath: string | undefined;
    if (url.pathname.startsWith(resolvePrefix)) {
      filePath = decodeURIComponent(url.pathname.slice(resolvePrefix.length));
      const entry = entries.find((e) => e.path === filePath);
      if (!entry) return fail(404, 'Entry not found', 'EntryNotFound');
      if (entry.sha256) {
        res.writeHead(302, {
          Location: `${cdnPrefix}${encodeURIComponent(entry.path)}`,
          'X-Linked-Size': String(entry.size),
          'X-Linked-ETag': `"${entry.sha256}"`,
        });
        return res.end();
      }
    } else if (url.pathname.startsWith(cdnPrefix)) {
      filePath = decodeURIComponent(url.pathname.slice(cdnPrefix.length));
    }
    const entry = entries.find((e) => e.path === filePath);
    if (!entry) return fail(404, 'Not found', 'EntryNotFound');

    const data = fs.readFileSync(path.join(opts.folder, entry.path));
    const etag = `"${entry.sha256 ?? entry.gitOid}"`;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = data.length - 1;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), end) : end;
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${data.length}` });
        return res.end();
      }
    }
    const body = data.subarray(start, end + 1);
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(body.length),
      'Accept-Ranges': 'bytes',
      ETag: etag,
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${data.length}` } : {}),
    };
    res.writeHead(range ? 206 : 200, headers);
    // A real download (not the one-byte probe) of a file marked to be cut: half, then a dead socket.
    if (faults.cutOnce.has(entry.path) && body.length > 1) {
      faults.cutOnce.delete(entry.path);
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    entries,
    requests,
    faults,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
