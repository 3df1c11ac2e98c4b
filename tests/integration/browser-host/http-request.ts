/** Raw HTTP requests to the browser host, with full control of the Host header and the request path. */
import http from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequest {
  readonly port: number;
  readonly method?: string;
  /** Sent exactly as given (no normalisation of `..`). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Send the body chunked, without a Content-Length. */
  readonly chunked?: boolean;
}

export function rawRequest(request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      Host: `127.0.0.1:${request.port}`,
      ...request.headers,
    };
    if (request.body !== undefined && !request.chunked)
      headers['Content-Length'] = Buffer.byteLength(request.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: request.port,
        method: request.method ?? 'GET',
        path: request.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** A well-formed API call: token, JSON content type, `{"input": ...}` envelope. */
export function apiCall(
  port: number,
  name: string,
  token: string,
  input: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawResponse> {
  return rawRequest({
    port,
    method: 'POST',
    path: `/api/${name}`,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ input }),
  });
}
