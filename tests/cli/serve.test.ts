// `plan serve` without a browser: what it serves and what it never serves, that it builds again on a
// save, and that Ctrl-C ends it leaving no temporary folder.

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPlan, makeTempDir, repoRoot, runPlan } from '../helpers/cli.js';
import { startServe, type RunningServe } from '../helpers/serve.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');

/** A GET with the path sent exactly as given, as a hostile client would send it (fetch would tidy `..` away). */
function get(url: string, path: string): Promise<{ status: number; body: string; type: string | undefined }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('plan serve', () => {
  let plan: string;
  let temporary: string;
  let serve: RunningServe;

  /** The page, fetched again and again until `shows` holds of it or 20 s have passed. */
  async function pageOnceItShows(path: string, shows: (body: string) => boolean): Promise<string> {
    const deadline = Date.now() + 20_000;
    let body = '';
    while (Date.now() < deadline) {
      body = (await get(serve.url, path)).body;
      if (shows(body)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return body;
  }

  beforeAll(async () => {
    plan = copyPlan(EMBEDDED);
    temporary = makeTempDir('plan-serve-tmp-');
    serve = await startServe([plan], { TMPDIR: temporary });
  });

  afterAll(async () => {
    if (serve.child.exitCode === null) await serve.stop();
  });

  it('serves on 127.0.0.1 the site of the plan, each page with the script that reloads it', async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(serve.url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Staffordshire and Stoke-on-Trent');
    expect(page.body).toContain('<script src="/__plan/reload.js" data-build="1"></script>');
    expect((await get(serve.url, '/golden-thread.svg')).type).toContain('image/svg+xml');
  });

  it('builds the site into a temporary folder outside the plan, whose pages carry no reload script', () => {
    const [folder] = readdirSync(temporary).filter((name) => name.startsWith('plan-serve-'));
    const index = readFileSync(join(temporary, folder!, 'site', 'index.html'), 'utf8');
    expect(index).toContain('Staffordshire and Stoke-on-Trent');
    expect(index).not.toContain('__plan');
    expect(readdirSync(plan).filter((name) => !name.endsWith('.yaml'))).toEqual([]);
  });

  it('answers 404 to every request for a file outside the site, however it is written', async () => {
    for (const path of ['/../plan.yaml', '/%2e%2e/plan.yaml', '/..%2fplan.yaml', '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/assets/../../plan.yaml', '/..\\plan.yaml', '/%00', '/.plan-build', `/${'../'.repeat(12)}etc/passwd`]) {
      const answer = await get(serve.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('plan:');
    }
  });

  it('builds again when a file is saved, and says so', async () => {
    const file = join(plan, 'objectives.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('value: 76\n', 'value: 77\n'));
    await serve.waitForStderr('plan: built again');
    expect((await get(serve.url, '/objectives.html')).body).toContain('77');
  });

  it('builds the last of saves made in quick succession, as a formatter on save makes them', async () => {
    // The file watcher passes on one change of a file in 50 ms and drops the rest; saves 20 ms apart
    // must still end in a build of the last one.
    const file = join(plan, 'objectives.yaml');
    const text = readFileSync(file, 'utf8');
    for (const value of ['81.5', '82.5', '83.5']) {
      writeFileSync(file, text.replace('value: 77\n', `value: ${value}\n`));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await pageOnceItShows('/objectives.html', (body) => body.includes('83.5'))).toContain('83.5');
    writeFileSync(file, text);
    expect(await pageOnceItShows('/objectives.html', (body) => !body.includes('83.5'))).toContain('77');
  });

  it('while the plan has errors, shows them on every page instead of the plan, with plan text escaped', async () => {
    const file = join(plan, 'objectives.yaml');
    const builds = serve.stderr().split('plan: built again').length - 1;
    writeFileSync(file, readFileSync(file, 'utf8').replace('    portfolio: uec\n', '    portfolio: "<script>alert(1)</script>"\n'));
    await serve.waitForStderr('plan: built again', builds + 1);
    for (const path of ['/', '/objectives.html', '/portfolios/uec.html']) {
      const page = await get(serve.url, path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toMatch(/<h1>The plan has \d+ errors?<\/h1>/);
      expect(page.body, path).toMatch(/objectives\.yaml:\d+:\d+/);
      expect(page.body, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.body, path).not.toContain('<script>alert(1)');
    }
  });

  it('ends on Ctrl-C with exit code 0 and removes its temporary folder', async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain('plan: stopped.');
    expect(readdirSync(temporary)).toEqual([]);
    expect(existsSync(plan)).toBe(true);
  });
});

describe('plan serve --port', () => {
  it('refuses a port that is in use (exit 2), leaving no temporary folder', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const { port } = taken.address() as AddressInfo;
    const temporary = makeTempDir('plan-serve-tmp-');
    try {
      const result = await runPlan(['serve', EMBEDDED, '--port', String(port)], { env: { TMPDIR: temporary } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} is in use.`);
      expect(readdirSync(temporary)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('refuses a port that is not a number (exit 2)', async () => {
    const result = await runPlan(['serve', EMBEDDED, '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give a port number from 1 to 65535');
  });
});

