/**
 * Downloading files from a Hugging Face Hub (or a mirror of it: any server that answers the hub's
 * tree and resolve endpoints) so that nothing unverified ever sits under a file's final name:
 * - the listing (GET /api/models/{repo}/tree/{rev}?recursive=true, via @huggingface/hub) gives each
 *   file's size and checksum: the SHA-256 of the content for LFS files, the git blob SHA-1 for the rest;
 * - bytes go to `<name>.part`; a later run continues it with an HTTP Range request;
 * - the whole content is hashed (the kept part first, then the new bytes) and compared with the
 *   listing; only a match is renamed into place. A mismatch deletes the part (resuming it would
 *   keep the bad bytes).
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileDownloadInfo, HubApiError, type ListFileEntry, listFiles } from '@huggingface/hub';

export interface HubAccess {
  /** e.g. https://huggingface.co or a mirror such as https://hf-mirror.com */
  endpoint: string;
  token?: string;
  repo: string;
  revision?: string;
}

export interface HubFile {
  path: string;
  size: number;
  checksum: { algorithm: 'sha256' | 'git-sha1'; hex: string };
}

/** A failure to show as it is: the message says what happened and what to do. */
export class PullError extends Error {}

/** No bytes for this long means the connection is dead, even if the socket says otherwise. */
const STALL_TIMEOUT_MS = 60_000;

function hubParams(access: HubAccess) {
  return {
    repo: { type: 'model' as const, name: access.repo },
    revision: access.revision,
    hubUrl: access.endpoint,
    accessToken: access.token,
  };
}

/** The repo's files that `wanted` selects, each with the checksum the hub lists for it. */
export async function listHubFiles(
  access: HubAccess,
  wanted: (entry: ListFileEntry) => boolean,
): Promise<HubFile[]> {
  const files: HubFile[] = [];
  try {
    for await (const entry of listFiles({ ...hubParams(access), recursive: true })) {
      if (entry.type !== 'file' || !wanted(entry)) continue;
      const checksum = entry.lfs
        ? { algorithm: 'sha256' as const, hex: entry.lfs.oid }
        : entry.oid
          ? { algorithm: 'git-sha1' as const, hex: entry.oid }
          : undefined;
      if (!checksum)
        throw new PullError(`${access.endpoint} lists no checksum for ${entry.path}: it cannot be verified`);
      files.push({ path: entry.path, size: entry.lfs?.size ?? entry.size, checksum });
    }
  } catch (err) {
    throw explainHubError(err, access);
  }
  return files;
}

function newHash(file: HubFile): Hash {
  if (file.checksum.algorithm === 'sha256') return createHash('sha256');
  // git's blob id: SHA-1 over "blob <size>\0" and the content.
  return createHash('sha1').update(`blob ${file.size}\0`);
}

async function hashFile(hash: Hash, file: string): Promise<void> {
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
}

/** True when `target` exists with the listed size and checksum. */
export async function alreadyVerified(file: HubFile, target: string): Promise<boolean> {
  if (!fs.existsSync(target) || fs.statSync(target).size !== file.size) return false;
  const hash = newHash(file);
  await hashFile(hash, target);
  return hash.digest('hex') === file.checksum.hex;
}

/**
 * Downloads `file` to `target`, resuming `<target>.part` when there is one. `onBytes` hears every
 * chunk (resumed bytes included, once) for a progress bar.
 */
export async function downloadVerified(
  access: HubAccess,
  file: HubFile,
  target: string,
  onBytes: (n: number) => void = () => {},
): Promise<{ resumedFrom: number }> {
  const part = `${target}.part`;
  let have = fs.existsSync(part) ? fs.statSync(part).size : 0;
  if (have > file.size) {
    fs.rmSync(part);
    have = 0;
  }
  const info = await fileDownloadInfo({ ...hubParams(access), path: file.path }).catch((err) => {
    throw explainHubError(err, access);
  });
  if (!info) throw new PullError(`${file.path} is listed but cannot be downloaded from ${access.endpoint}`);
  if (info.size !== file.size)
    throw new PullError(
      `${file.path}: the listing says ${file.size} bytes but the download is ${info.size} bytes`,
    );

  let hash = newHash(file);
  if (have > 0) await hashFile(hash, part);
  let resumedFrom = have;
  if (have < file.size) {
    const stall = new AbortController();
    let timer = setTimeout(() => stall.abort(), STALL_TIMEOUT_MS);
    const response = await fetch(info.url, {
      headers: {
        ...(access.token ? { Authorization: `Bearer ${access.token}` } : {}),
        ...(have > 0 ? { Range: `bytes=${have}-` } : {}),
      },
      signal: stall.signal,
    }).catch((err: Error) => {
      clearTimeout(timer);
      throw cutOff(file, part, have, err);
    });
    if (!response.ok) {
      clearTimeout(timer);
      throw new PullError(`${file.path}: ${access.endpoint} answered ${response.status} to the download`);
    }
    if (have > 0 && response.status !== 206) {
      // The server ignored the Range header and sends everything: start over.
      hash = newHash(file);
      have = 0;
      resumedFrom = 0;
    }
    onBytes(have);
    let written = have;
    const counted = async function* (body: AsyncIterable<Uint8Array>) {
      for await (const chunk of body) {
        clearTimeout(timer);
        timer = setTimeout(() => stall.abort(), STALL_TIMEOUT_MS);
        hash.update(chunk);
        written += chunk.length;
        onBytes(chunk.length);
        yield chunk;
      }
    };
    try {
      await pipeline(
        response.body as unknown as AsyncIterable<Uint8Array>,
        counted,
        fs.createWriteStream(part, { flags: have > 0 ? 'a' : 'w' }),
      );
    } catch (err) {
      throw cutOff(
        file,
        part,
        written,
        stall.signal.aborted ? new Error('no data for 60 s') : (err as Error),
      );
    } finally {
      clearTimeout(timer);
    }
    if (written !== file.size) throw cutOff(file, part, written, new Error('the connection closed early'));
  } else {
    onBytes(have);
  }

  const digest = hash.digest('hex');
  if (digest !== file.checksum.hex) {
    fs.rmSync(part, { force: true });
    const kind = file.checksum.algorithm === 'sha256' ? 'SHA-256' : 'git SHA-1';
    throw new PullError(
      `${file.path}: ${kind} mismatch: ${access.endpoint} lists ${file.checksum.hex}, the download has ${digest}. The corrupt download was deleted; run the pull again to fetch it anew.`,
    );
  }
  fs.renameSync(part, target);
  return { resumedFrom };
}

function cutOff(file: HubFile, part: string, written: number, cause: Error): PullError {
  const reason = String((cause as { cause?: unknown }).cause ?? cause.message);
  return new PullError(
    `${file.path}: the download stopped at ${written} of ${file.size} bytes (${reason}). The part is kept in ${part}; run the pull again to resume it.`,
  );
}

function explainHubError(err: unknown, access: HubAccess): Error {
  if (err instanceof PullError) return err;
  if (err instanceof HubApiError && (err.statusCode === 401 || err.statusCode === 403)) {
    const hint = access.token
      ? 'HF_TOKEN is set but has no access: check it, and accept the model terms on its page if it is gated'
      : 'the repo is gated or private: set HF_TOKEN to a token with read access';
    return new PullError(`${access.repo}: ${err.statusCode} from ${access.endpoint} (${hint})`);
  }
  if (err instanceof HubApiError && err.statusCode === 404)
    return new PullError(`${access.repo} was not found on ${access.endpoint} (${err.message})`);
  return err instanceof Error ? err : new Error(String(err));
}
