// Every HTTP answer awsx reads is bounded: the SDK's request handler wrapped so that a response body (success
// or error) longer than MAX_RESPONSE_BYTES stops being read and the call fails with a clear error, instead of
// an endpoint's 200 MB answer taking gigabytes and minutes. Real STS, IAM Identity Center and OIDC answers are a
// few KiB. readBoundedText does the same for the fetch calls (federation, container endpoint).
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';

/** Longest HTTP answer awsx reads. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(limit: number) {
    super(`answered with more than ${limit / 1048576} MiB, more than awsx reads`);
  }
}

/** BODY passed through until it exceeds LIMIT bytes, then an error (and the source is destroyed). */
function bounded(body: Readable, limit: number): Transform {
  let seen = 0;
  const out = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) {
        body.destroy();
        return done(new ResponseTooLargeError(limit));
      }
      done(null, chunk);
    },
  });
  body.on('error', (error) => out.destroy(error));
  return body.pipe(out);
}

type Handle = NodeHttpHandler['handle'];

/** The SDK's Node handler with OPTIONS, its response bodies bounded to LIMIT bytes. */
export function boundedHandler(options: NodeHttpHandlerOptions, limit = MAX_RESPONSE_BYTES): NodeHttpHandler {
  const inner = new NodeHttpHandler(options);
  const handle = inner.handle.bind(inner);
  inner.handle = async (...args: Parameters<Handle>): ReturnType<Handle> => {
    const out = await handle(...args);
    const body = out.response.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') return out;
    if (Number(out.response.headers['content-length']) > limit) {
      body.destroy();
      throw new ResponseTooLargeError(limit);
    }
    out.response.body = bounded(body, limit);
    return out;
  };
  return inner;
}

/** A fetch answer's body as text, read only up to LIMIT bytes (ResponseTooLargeError beyond). */
export async function readBoundedText(res: Response, limit = MAX_RESPONSE_BYTES): Promise<string> {
  if (Number(res.headers.get('content-length')) > limit) {
    await res.body?.cancel();
    throw new ResponseTooLargeError(limit);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let seen = 0;
  // a fetch body is bytes; undici types it as a ReadableStream of any
  const reader = res.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    seen += r.value.length;
    if (seen > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
