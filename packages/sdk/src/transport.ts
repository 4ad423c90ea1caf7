/** One HTTP exchange, as every transport sees it. Bodies are JSON (already serialised) or absent. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface TransportResponse {
  status: number;
  /** Parsed JSON when the server answered JSON, else the text. */
  body: unknown;
}

/** A file upload: `file` (web: Blob/File) or `filePath` (mini-program temporary path). */
export interface TransportUpload {
  url: string;
  headers: Record<string, string>;
  fields: Record<string, string>;
  file?: Blob;
  fileName?: string;
  filePath?: string;
}

/** How the SDK talks to the server: fetch on the web, wx.request in mini-programs, or your own. */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  upload(upload: TransportUpload): Promise<TransportResponse>;
}

export function parseBody(text: string, contentType: string | null | undefined): unknown {
  if (text && (contentType ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
