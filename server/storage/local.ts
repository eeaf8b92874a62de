import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { attachmentDisposition } from './content-disposition';
import { contentTypeForKey } from './content-type';
import { UnsafeKeyError, type StorageCheck, type StorageDriver, type UrlOptions } from './driver';
import { isSafeKey, isSafePrefix } from './keys';
import { signFileUrl } from './signed-file-url';
import { windowedExpiry } from './url-window';

export { verifySignedFileUrl } from './signed-file-url';

export type LocalStorageConfig = {
  /** Directory holding the objects; created on first write. */
  root: string;
  /** HMAC secret for `url()`; the /api/files route verifies with the same one. */
  secret: string;
  defaultTtlSeconds?: number;
  /** Route prefix that serves files, `/api/files/` unless the app mounts it elsewhere. */
  basePath?: string;
};

export type ServedFile = { bytes: Buffer; contentType: string; contentDisposition?: string };

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function isMissing(err: unknown): boolean {
  return MISSING.has(errorCode(err) ?? '');
}

/**
 * Objects as plain files under `root`, one file per key. The content type given to `put` is not
 * stored; `readForServe` derives it from the key's extension.
 */
export class LocalStorageDriver implements StorageDriver {
  readonly root: string;
  private readonly secret: string;
  private readonly defaultTtlSeconds: number;
  private readonly basePath: string | undefined;

  constructor(config: LocalStorageConfig) {
    if (!config.secret) throw new Error('LocalStorageDriver needs a secret to sign file URLs');
    this.root = path.resolve(config.root);
    this.secret = config.secret;
    this.defaultTtlSeconds = config.defaultTtlSeconds ?? 3600;
    this.basePath = config.basePath;
  }

  async put(key: string, bytes: Buffer | Uint8Array, _contentType: string): Promise<void> {
    const file = this.pathFor(key);
    const dir = path.dirname(file);
    // Same directory as the target so the rename never crosses filesystems; the dot name keeps it
    // out of listings (no key segment may start with a dot).
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    for (let attempt = 1; ; attempt++) {
      try {
        await mkdir(dir, { recursive: true });
        await writeDurably(temp, bytes);
        break;
      } catch (err) {
        // A concurrent delete may prune the directories while mkdir builds them or before the
        // open; build them again. Once the temp file exists, nothing can prune its directory.
        if (errorCode(err) !== 'ENOENT' || attempt >= 5) throw err;
      }
    }
    try {
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathFor(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathFor(key);
    if (await unlinkIfPresent(file)) await this.pruneEmptyDirs(path.dirname(file));
  }

  async deletePrefix(prefix: string): Promise<number> {
    if (!isSafePrefix(prefix)) throw new UnsafeKeyError(prefix);
    // S3 semantics: a plain string prefix, so `images/u1` also matches `images/u10/...`. Only the
    // directory holding the last (possibly partial) segment needs walking.
    const cut = prefix.endsWith('/') ? prefix.length - 1 : prefix.lastIndexOf('/');
    const dir = cut > 0 ? this.pathFor(prefix.slice(0, cut)) : this.root;
    const keys = (await this.listKeys(dir)).filter((key) => key.startsWith(prefix));
    let deleted = 0;
    const dirs = new Set<string>();
    for (const key of keys) {
      const file = this.pathFor(key);
      if (await unlinkIfPresent(file)) deleted++;
      dirs.add(path.dirname(file));
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await this.pruneEmptyDirs(d);
    return deleted;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async url(key: string, opts: UrlOptions = {}): Promise<string> {
    if (!isSafeKey(key)) throw new UnsafeKeyError(key);
    const ttl = opts.expiresInSeconds ?? this.defaultTtlSeconds;
    return signFileUrl({
      key,
      secret: this.secret,
      expiresAt: windowedExpiry(ttl),
      downloadName: opts.downloadName,
      basePath: this.basePath,
    });
  }

  /** Writes and removes a probe file: a read-only or full disk fails here, not on the next image. */
  async check(): Promise<StorageCheck> {
    const probe = path.join(this.root, `.health-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(this.root, { recursive: true });
      await writeDurably(probe, Buffer.from('ok'));
      await unlink(probe);
      return { ok: true };
    } catch (err) {
      await rm(probe, { force: true }).catch(() => {});
      return { ok: false, message: `local storage is not writable (${errorCode(err) ?? String(err)})` };
    }
  }

  /**
   * For the /api/files route, after `verifySignedFileUrl` passed. `null` when the key is unsafe
   * or has no file, so the route answers 404 either way.
   */
  async readForServe(key: string, opts: { downloadName?: string | null } = {}): Promise<ServedFile | null> {
    if (!isSafeKey(key)) return null;
    const bytes = await this.get(key);
    if (!bytes) return null;
    const served: ServedFile = { bytes, contentType: contentTypeForKey(key) };
    if (opts.downloadName) served.contentDisposition = attachmentDisposition(opts.downloadName);
    return served;
  }

  private pathFor(key: string): string {
    if (!isSafeKey(key)) throw new UnsafeKeyError(key);
    const full = path.resolve(this.root, ...key.split('/'));
    // isSafeKey already rules out escapes; this guards against a future change to it.
    if (!full.startsWith(this.root + path.sep)) throw new UnsafeKeyError(key);
    return full;
  }

  private async listKeys(dir: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // temp and probe files
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) keys.push(...(await this.listKeys(full)));
      else if (entry.isFile()) keys.push(path.relative(this.root, full).split(path.sep).join('/'));
    }
    return keys;
  }

  /** Removes now-empty directories up to (not including) root, so deleted users leave no trail. */
  private async pruneEmptyDirs(from: string): Promise<void> {
    for (let dir = from; dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch (err) {
        if (errorCode(err) !== 'ENOENT') return; // not empty (or not ours to remove): stop
      }
    }
  }
}

async function writeDurably(file: string, bytes: Buffer | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  let written = false;
  try {
    await handle.writeFile(bytes);
    // Flush before the rename publishes the file, or a crash could publish an empty one.
    await handle.sync();
    written = true;
  } finally {
    await handle.close();
    if (!written) await rm(file, { force: true });
  }
}

async function unlinkIfPresent(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}
