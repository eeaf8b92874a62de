/** Where image bytes live. Local disk and S3 implement it; callers never know which. */
export interface StorageDriver {
  /** Replaces any existing object at `key`; readers see the old bytes or the new, never a mix. */
  put(key: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void>;
  /** `null` when there is no object at `key`. */
  get(key: string): Promise<Buffer | null>;
  /** Succeeds whether or not the object exists. */
  delete(key: string): Promise<void>;
  /**
   * Deletes every object whose key starts with `prefix` (a plain string prefix, as in S3, so
   * `images/u1` also matches `images/u10/...`; end prefixes with `/`). Returns how many went.
   */
  deletePrefix(prefix: string): Promise<number>;
  exists(key: string): Promise<boolean>;
  /** A URL a browser can GET the object from until it expires. */
  url(key: string, opts?: UrlOptions): Promise<string>;
  /** For /api/health: can we reach the backing store right now? Never throws. */
  check(): Promise<StorageCheck>;
}

export type UrlOptions = {
  expiresInSeconds?: number;
  /** When set, the response asks the browser to save the file under this name. */
  downloadName?: string;
};

export type StorageCheck = { ok: boolean; message?: string };

/** Thrown for keys that fail `isSafeKey`: they come from our own key builders, so this is a bug. */
export class UnsafeKeyError extends Error {
  constructor(key: string) {
    super(`Unsafe storage key: ${JSON.stringify(key)}`);
    this.name = 'UnsafeKeyError';
  }
}
