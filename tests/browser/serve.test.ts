// `plan serve` in a browser, as a planner uses it: the page changes by itself when a file is saved,
// shows the errors (file:line:col, message, hint) while the plan has them, and the plan again once
// they are fixed.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS_DIR, launchChromium } from '../helpers/browser.js';
import { copyPlan, repoRoot } from '../helpers/cli.js';
import { startServe, type RunningServe } from '../helpers/serve.js';

const EMBEDDED = join(repoRoot, 'plans', 'staffordshire-stoke-2023-24');
const WAIT = { timeout: 30_000 };

describe('plan serve in a browser', () => {
  let browser: Browser;
  let serve: RunningServe;
  let page: Page;
  let plan: string;
  const errors: string[] = [];

  beforeAll(async () => {
    plan = copyPlan(EMBEDDED);
    serve = await startServe([plan]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${serve.url}objectives.html`, { waitUntil: 'load' });
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (serve && serve.child.exitCode === null) await serve.stop();
  });

  function edit(from: string, to: string): void {
    const file = join(plan, 'objectives.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.includes(from), `objectives.yaml has ${from}`).toBe(true);
    writeFileSync(file, text.replace(from, to));
  }

  it('shows the plan\'s objectives page, served from 127.0.0.1', async () => {
    await page.getByText('Improve A&E waiting times so that no less than 76% of patients', { exact: false }).first().waitFor(WAIT);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/objectives\.html$/);
  });

  it('changes by itself when a file is saved', async () => {
    edit('title: Improve A&E waiting times so that no less than 76% of patients', 'title: Improve A&E waiting times (edited while the preview ran) so that no less than 76% of patients');
    await page.getByText('edited while the preview ran', { exact: false }).first().waitFor(WAIT);
    await page.screenshot({ path: join(ARTEFACTS_DIR, 'serve-edited.png') });
  });

  it('shows an error with its file, line, column and hint while the plan has one', async () => {
    edit('    portfolio: uec\n    target:\n      measure: Patients seen within four hours in A&E', '    portfolio: uec-typo\n    target:\n      measure: Patients seen within four hours in A&E');
    await page.getByRole('heading', { name: 'The plan has 1 error' }).waitFor(WAIT);
    const where = await page.locator('.where').first().textContent();
    expect(where).toMatch(/objectives\.yaml:\d+:\d+ objective-has-owner/);
    expect(await page.locator('.message').first().textContent()).toContain('uec-typo');
    expect(await page.locator('.hint').first().textContent()).toMatch(/^→ /);
    await page.screenshot({ path: join(ARTEFACTS_DIR, 'serve-error.png') });
  });

  it('shows the plan again once the error is fixed', async () => {
    edit('portfolio: uec-typo', 'portfolio: uec');
    await page.getByRole('heading', { name: /The plan has/ }).waitFor({ ...WAIT, state: 'detached' });
    await page.getByText('edited while the preview ran', { exact: false }).first().waitFor(WAIT);
    expect(await page.locator('.errors').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
