// The archive: every fetched response kept as a WARC file (warcio) with its request record, headers and
// fetch time, at ARCHIVE/<first two hex>/<sha256 of the body>.warc.gz. Addressed by content, so the same
// bytes are stored once and a Document's sha256 finds what the page said on the day. Written to a temp
// name and renamed, so a crash never leaves half a record under a real name.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import type { FetchResult } from '../fetch/fetcher.ts';

export function archivePath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return join(root, sha256.slice(0, 2), `${sha256}.warc.gz`);
}

/** Archives a response (2xx with a body); returns its path. Idempotent: the same bytes are written once. */
export async function archiveResponse(root: string, r: FetchResult): Promise<string> {
  const path = archivePath(root, r.sha256);
  if (existsSync(path)) return path;
  const date = r.fetchedAt;
  const request = WARCRecord.create(
    { url: r.url, date, type: 'request', warcVersion: 'WARC/1.1', httpHeaders: r.requestHeaders, statusline: `GET ${new URL(r.url).pathname}${new URL(r.url).search} HTTP/1.1` },
    [],
  );
  const response = WARCRecord.create(
    {
      url: r.url, date, type: 'response', warcVersion: 'WARC/1.1', httpHeaders: r.headers, statusline: `HTTP/1.1 ${r.status}`,
      warcHeaders: { 'WARC-Payload-Digest': `sha256:${r.sha256}`, ...(r.redirects.length ? { 'WARC-Refers-To-Target-URI': r.requestedUrl } : {}) },
    },
    [new Uint8Array(r.body)],
  );
  const bytes = Buffer.concat([await WARCSerializer.serialize(response, { gzip: true }), await WARCSerializer.serialize(request, { gzip: true })]);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
  return path;
}

export interface ArchivedRecord {
  type: string;
  url: string;
  date: string;
  /** WARC headers, names in lower case. */
  warcHeaders: Record<string, string>;
  httpStatus: string | null;
  httpHeaders: Record<string, string>;
  body: Uint8Array;
}

/** The records of an archived response, or null when the archive does not hold that hash. */
export async function readArchived(root: string, sha256: string): Promise<ArchivedRecord[] | null> {
  const path = archivePath(root, sha256);
  if (!existsSync(path)) return null;
  const parser = new WARCParser([readFileSync(path)]);
  const out: ArchivedRecord[] = [];
  for await (const record of parser) {
    const body = await record.readFully(true);
    out.push({
      type: String(record.warcType),
      url: String(record.warcTargetURI),
      date: String(record.warcDate),
      warcHeaders: Object.fromEntries(record.warcHeaders.headers),
      httpStatus: record.warcType === 'resource' ? null : (record.httpHeaders?.statusline ?? null),
      httpHeaders: record.httpHeaders ? Object.fromEntries(record.httpHeaders.headers) : {},
      body,
    });
  }
  return out;
}

/** Whether the archive holds these bytes. */
export function isArchived(root: string, sha256: string): boolean {
  return /^[0-9a-f]{64}$/.test(sha256) && existsSync(archivePath(root, sha256));
}

/** The archived body (response or resource record) and its content type, or null when not archived. */
export async function archivedBody(root: string, sha256: string): Promise<{ body: Uint8Array; contentType: string; url: string } | null> {
  const records = await readArchived(root, sha256);
  const r = records?.find((x) => x.type === 'response' || x.type === 'resource');
  if (!r) return null;
  return { body: r.body, contentType: (r.httpHeaders['content-type'] ?? r.warcHeaders['content-type'] ?? 'application/octet-stream').toLowerCase(), url: r.url };
}

/** Archives a local file's bytes as a WARC resource record (file: URI), by sha256; idempotent. */
export async function archiveFile(root: string, bytes: Uint8Array, sha256: string, fileUri: string, contentType = 'application/octet-stream'): Promise<string> {
  const path = archivePath(root, sha256);
  if (existsSync(path)) return path;
  const record = WARCRecord.create(
    { url: fileUri, date: new Date().toISOString(), type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': contentType, 'WARC-Payload-Digest': `sha256:${sha256}` } },
    [bytes],
  );
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, await WARCSerializer.serialize(record, { gzip: true }));
  renameSync(tmp, path);
  return path;
}
