import { parseBody, type Transport } from './transport';

/** The web transport: global fetch (or the one given) and FormData uploads. */
export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Transport {
  return {
    async request({ method, url, headers, body }) {
      const response = await fetchImpl(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      return {
        status: response.status,
        body: parseBody(await response.text(), response.headers.get('content-type')),
      };
    },
    async upload({ url, headers, fields, file, fileName }) {
      if (!file) throw new TypeError('uploadFile on the web needs `file` (a Blob or File)');
      const form = new FormData();
      // Fields before the file: the server reads the cloud path before the bytes stream in.
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', file, fileName ?? 'file');
      const response = await fetchImpl(url, { method: 'POST', headers, body: form });
      return {
        status: response.status,
        body: parseBody(await response.text(), response.headers.get('content-type')),
      };
    },
  };
}
