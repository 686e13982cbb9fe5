// The preview's web server, on 127.0.0.1 only: the site's files from its output folder (sirv), each HTML
// page with a small script that reloads it when a new build is ready (server-sent events), or, while
// the plan has errors, a page of the errors instead. Nothing outside the output folder is ever served.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { errorPage } from './error-page.js';
import type { PreviewBuild } from './preview.js';

/** Paths of the preview's own, which no site file can have (the site has no folder starting with `__`). */
const EVENTS = '/__plan/events';
const RELOAD_SCRIPT = '/__plan/reload.js';

/** Asks the server-sent events for the number of the newest build, and reloads when it is not this page's. */
const RELOAD_JS = `(() => {
  const shown = document.currentScript.dataset.build;
  const events = new EventSource(${JSON.stringify(EVENTS)});
  events.addEventListener('build', (event) => { if (event.data !== shown) location.reload(); });
})();
`;

export interface PreviewServer {
  url: string;
  /** Shows a new build: pages open in a browser reload. */
  show(build: PreviewBuild): void;
  close(): Promise<void>;
}

export async function startServer(outDir: string, first: PreviewBuild, options: { port: number; describePath: (file: string) => string }): Promise<PreviewServer> {
  let build = first;
  const listeners = new Set<ServerResponse>();
  const files = sirv(outDir, { dev: true, dotfiles: false, etag: false });

  const notFound = (response: ServerResponse): void => {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  };

  const page = (html: string): string => {
    const script = `<script src="${RELOAD_SCRIPT}" data-build="${build.number}"></script>`;
    return html.includes('</body>') ? html.replace('</body>', `${script}\n</body>`) : `${html}${script}\n`;
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return notFound(response);
    }
    // A path that climbs, or that the file system could read as something else, names no file of the site.
    if (pathname.split('/').some((part) => part === '..' || part === '.') || /[\\\0]/.test(pathname)) return notFound(response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === EVENTS) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`event: build\ndata: ${build.number}\n\n`);
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (pathname === RELOAD_SCRIPT) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(RELOAD_JS);
      return;
    }
    const file = pathname.slice(1) === '' || pathname.endsWith('/') ? `${pathname.slice(1)}index.html` : pathname.slice(1);
    if (file.endsWith('.html')) {
      const broken = build.errors.length > 0 || build.problem !== undefined;
      const content = broken ? errorPage(build, options.describePath) : build.files.get(file);
      if (content === undefined) return notFound(response);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : page(content.toString()));
      return;
    }
    files(request, response, () => notFound(response));
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    show(next) {
      build = next;
      for (const listener of listeners) listener.write(`event: build\ndata: ${build.number}\n\n`);
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
