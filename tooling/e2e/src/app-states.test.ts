/**
 * The app's states in real headless Chromium: empty input, server down, bundle that fails to load,
 * and a page that works at phone width.
 */
import type { RunningServer } from '@signllm/serve';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseMode, generate } from './app-support.ts';
import { launchChromium, openPage, readCanvas, screenshot, startAppServer, waitForState } from './support.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
});

describe('app states', () => {
  it('asks for text when the input is empty, and generates nothing', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${server.url}/`);
    await waitForState(page, ['ready']);
    await page.fill('#input', '   ');
    await page.click('#generate');
    expect(await page.textContent('#status')).toBe('Type something to sign first.');
    expect(await page.getAttribute('#input', 'aria-invalid')).toBe('true');
    expect(
      await page.evaluate(
        () => (document.getElementById('viewer') as HTMLElement & { frameCount: number }).frameCount,
      ),
    ).toBe(0);
    await screenshot(page, '06-empty-input');
    await context.close();
  });

  it('says the server cannot be reached when it is down, and still opens files', async () => {
    const context = await browser.newContext();
    // A port nothing listens on (the page itself still comes from the running server).
    const { page } = await openPage(context, `${server.url}/?server=http://127.0.0.1:9`);
    expect(await waitForState(page, ['ready', 'error'])).toBe('error');
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toMatch(/The server cannot be reached .*Is signllm-serve running\?/);
    expect(status).toMatch(/You can still open \.pose and \.skels files/);
    expect(await page.isDisabled('#generate')).toBe(true);
    await screenshot(page, '07-server-down');
    await context.close();
  });

  it('says why the bundle failed to load in browser mode', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(
      context,
      `${server.url}/?bundle=${encodeURIComponent(`${server.url}/no-such-bundle`)}`,
    );
    await waitForState(page, ['ready']);
    expect(await chooseMode(page, 'browser')).toBe('error');
    expect(await page.textContent('#status')).toMatch(
      /The model bundle could not be loaded: .*bundle\.json is not there \(HTTP 404/,
    );
    await screenshot(page, '08-bundle-failed');
    // Back to the server: ready again.
    expect(await chooseMode(page, 'server')).toBe('ready');
    await context.close();
  });

  it('says when the language asked for in the URL is not served, and offers the served ones', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${server.url}/?lang=xyz`);
    await waitForState(page, ['ready']);
    const status = (await page.textContent('#status')) ?? '';
    const tags = server.service.languages().map((l) => l.tag);
    expect(status).toBe(`Unknown language "xyz": this model signs ${tags.join(', ')}. Choose one above.`);
    const chosen = await page.$eval('#language', (s) => (s as HTMLSelectElement).value);
    expect(server.service.languages().map((l) => l.code)).toContain(chosen);
    await screenshot(page, '08b-unknown-language');
    await context.close();
  });

  it('works at phone width: no sideways scrolling, the viewer fits, generation runs', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const { page, errors } = await openPage(context, `${server.url}/`);
    await waitForState(page, ['ready']);
    await generate(page, 'morgen');
    const layout = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      viewer: document.getElementById('viewer')!.getBoundingClientRect().width,
    }));
    expect(layout.scroll).toBeLessThanOrEqual(layout.client);
    expect(layout.viewer).toBeLessThanOrEqual(375);
    expect(layout.viewer).toBeGreaterThan(300);
    expect((await readCanvas(page, '#viewer')).drawn).toBeGreaterThan(30);
    await screenshot(page, '09-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
