import 'server-only';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type BucketLocationConstraint,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from './content-disposition';
import { UnsafeKeyError, type StorageCheck, type StorageDriver, type UrlOptions } from './driver';
import { isSafeKey, isSafePrefix } from './keys';
import { URL_WINDOW_SECONDS, windowStart } from './url-window';

export type S3StorageConfig = {
  bucket: string;
  region: string;
  /** Omit for AWS; set for MinIO, R2, s3rver and the like. */
  endpoint?: string;
  /**
   * Where browsers reach the store, when that differs from `endpoint` (e.g. `http://minio:9000`
   * inside compose vs `https://files.example.com` outside). Presigned URLs are signed for this host.
   */
  publicEndpoint?: string;
  /** Both or neither: without them the SDK's default chain (env, profile, instance role) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  defaultTtlSeconds?: number;
  /** How long `check()` waits before reporting the store unreachable. */
  checkTimeoutMs?: number;
};

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string } | null;
  const status = httpStatus(err);
  const parts = [e?.name, e?.code, status ? `HTTP ${status}` : undefined, e?.message].filter(Boolean);
  return parts.length ? [...new Set(parts)].join(': ') : String(err);
}

function clientConfig(config: S3StorageConfig, endpoint: string | undefined): S3ClientConfig {
  return {
    region: config.region,
    endpoint,
    forcePathStyle: config.forcePathStyle ?? false,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    // Since 3.729 the SDK adds a CRC32 checksum to every upload and validates them on download;
    // some S3-compatible stores refuse the header (Cloudflare R2 answered 501, aws-sdk-js-v3#6810).
    // Only do it where the operation requires it. (s3rver works either way.)
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export class S3StorageDriver implements StorageDriver {
  readonly client: S3Client;
  private readonly presignClient: S3Client;
  private readonly bucket: string;
  private readonly region: string;
  private readonly defaultTtlSeconds: number;
  private readonly checkTimeoutMs: number;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.region = config.region;
    this.defaultTtlSeconds = config.defaultTtlSeconds ?? 3600;
    this.checkTimeoutMs = config.checkTimeoutMs ?? 3000;
    this.client = new S3Client(clientConfig(config, config.endpoint));
    this.presignClient = config.publicEndpoint
      ? new S3Client(clientConfig(config, config.publicEndpoint))
      : this.client;
  }

  async put(key: string, bytes: Buffer | Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: safe(key), Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: safe(key) }));
      if (!res.Body) return Buffer.alloc(0);
      const bytes = await res.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for missing keys too, so this is idempotent as it stands.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: safe(key) }));
  }

  async deletePrefix(prefix: string): Promise<number> {
    if (!isSafePrefix(prefix)) throw new UnsafeKeyError(prefix);
    let deleted = 0;
    let token: string | undefined;
    do {
      // A page holds at most 1000 keys, which is also DeleteObjects' limit per call.
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      if (keys.length > 0) {
        const res = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        // Quiet mode lists only failures; a partial delete is an outage, not a result.
        if (res.Errors?.length) {
          const first = res.Errors[0];
          throw new Error(`S3 DeleteObjects failed for ${res.Errors.length} keys (${first.Key}: ${first.Code} ${first.Message})`);
        }
        deleted += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return deleted;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: safe(key) }));
      return true;
    } catch (err) {
      if (httpStatus(err) === 404) return false;
      throw err;
    }
  }

  /** A presigned GET; SigV4 caps `expiresInSeconds` at 7 days. */
  async url(key: string, opts: UrlOptions = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: safe(key),
      ResponseContentDisposition: opts.downloadName ? attachmentDisposition(opts.downloadName) : undefined,
    });
    // Signed at the window's start, so it must live one window longer to last `ttl` from now.
    const ttl = (opts.expiresInSeconds ?? this.defaultTtlSeconds) + URL_WINDOW_SECONDS;
    return getSignedUrl(this.presignClient, command, { expiresIn: ttl, signingDate: new Date(windowStart() * 1000) });
  }

  async check(): Promise<StorageCheck> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
        abortSignal: AbortSignal.timeout(this.checkTimeoutMs),
      });
      return { ok: true };
    } catch (err) {
      return { ok: false, message: `bucket ${this.bucket} unreachable (${describe(err)})` };
    }
  }

  /** Creates the bucket when it does not exist; for first start and tests. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (httpStatus(err) !== 404) throw err;
    }
    try {
      await this.client.send(
        new CreateBucketCommand({
          Bucket: this.bucket,
          // us-east-1 is the one region that rejects an explicit location constraint.
          CreateBucketConfiguration:
            this.region === 'us-east-1' ? undefined : { LocationConstraint: this.region as BucketLocationConstraint },
        }),
      );
    } catch (err) {
      // Another process created it between our HEAD and PUT.
      if ((err as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw err;
    }
  }
}

function safe(key: string): string {
  if (!isSafeKey(key)) throw new UnsafeKeyError(key);
  return key;
}
