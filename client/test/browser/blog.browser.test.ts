/**
 * @jest-environment node
 *
 * The course flow in a real browser against the real stack: every service
 * and the client server as processes on free loopback ports. Needs
 * `npm run build` and Debian's Chromium (`apt-get install -y chromium`);
 * without Chromium it fails when CI=true and is skipped (saying so) elsewhere.
 * `UPDATE_SCREENSHOT=1` rewrites docs/screenshot.png. Each process's output
 * is kept in $TMPDIR/blog-browser-test-logs/<service>.log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { entryPoint, startStack, type RunningStack } from '../../../tools/src/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(chromiumPath);
const inCi = process.env.CI === 'true';
const repoRoot = path.resolve(__dirname, '../../..');
const logDir = path.join(os.tmpdir(), 'blog-browser-test-logs');

// Only the flags Debian's Chromium needs on a machine without a network or a display.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

if (!haveChromium && inCi) {
  describe('the blog in a browser', () => {
    it('the browser tests, when CI=true, need Chromium', () => {
      throw new Error(`Chromium is missing at ${chromiumPath}: .ci/run must "apt-get install -y chromium" before the tests`);
    });
  });
} else if (!haveChromium) {
  describe.skip('the blog in a browser (skipped: no Chromium)', () => {
    it('needs Chromium', () => undefined);
  });
  console.warn(
    `Browser tests skipped: no Chromium at ${chromiumPath}. Run them with: apt-get install -y chromium && npm run build && npx jest client/test/browser`,
  );
} else {
  describe('the blog in a browser', () => {
    let stack: RunningStack;
    let browser: Browser;
    let dataDir: string;

    beforeAll(async () => {
      for (const name of ['event-bus', 'posts', 'comments', 'query', 'moderation', 'client'] as const) {
        if (!fs.existsSync(entryPoint(name))) throw new Error(`${entryPoint(name)} is missing: run "npm run build" first`);
      }
      if (!fs.existsSync(path.join(repoRoot, 'client', 'dist', 'index.html'))) {
        throw new Error('client/dist is missing: run "npm run build" first');
      }
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-browser-'));
      // On a failure, the processes' own words are the quickest clue.
      fs.rmSync(logDir, { recursive: true, force: true });
      stack = await startStack({ dataDir, withClient: true, logDir });
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    async function openBlog(): Promise<{ page: Page; dialogs: string[] }> {
      const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(stack.urls.client);
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
      // A reload would lose this mark: its presence at the end proves the page never reloaded.
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
      return { page, dialogs };
    }

    const stillSameDocument = (page: Page) => page.evaluate(() => 'sameDocument' in window);

    /** Waits until the card titled `title` has `count` comments and none of them is pending. */
    async function waitForModeration(page: Page, title: string, count: number): Promise<void> {
      await page.waitForFunction(
        ({ title, count }) => {
          const card = [...document.querySelectorAll('article')].find((a) => a.querySelector('h3')?.textContent === title);
          const statuses = [...(card?.querySelectorAll('li') ?? [])].map((li) => li.getAttribute('data-status'));
          return statuses.length === count && !statuses.includes('pending');
        },
        { title, count },
        { timeout: 20_000 },
      );
    }

    it('the course flow, when a post and comments are added, shows each comment reach its final status without a reload', async () => {
      // Arrange
      const { page, dialogs } = await openBlog();
      const { page: otherTab } = await openBlog();
      const title = 'Hello from the browser';
      const markup = '<img src=x onerror=alert(1)>';
      const emptyAtFirst = await page.getByText('No posts yet. Create the first one above.').isVisible();

      // Act
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const card = page.getByRole('article', { name: title });
      await card.waitFor();
      const contents = ['Great post, thanks!', 'I prefer orange juice', markup];
      for (const [index, content] of contents.entries()) {
        await card.getByLabel('New comment').fill(content);
        await card.getByRole('button', { name: `Submit comment on ${title}` }).click();
        await card.getByText(index === 0 ? '1 comment' : `${index + 1} comments`, { exact: true }).waitFor();
      }
      await waitForModeration(page, title, 3);
      await waitForModeration(otherTab, title, 3);

      // Assert
      expect(emptyAtFirst).toBe(true);
      expect(await card.getByRole('listitem').allTextContents()).toEqual([
        'Great post, thanks!',
        'This comment has been rejected',
        markup,
      ]);
      expect(await card.getByText('3 comments').isVisible()).toBe(true);
      expect(await page.locator('article img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(await stillSameDocument(page)).toBe(true);
      expect(await otherTab.getByRole('article', { name: title }).getByRole('listitem').allTextContents()).toEqual([
        'Great post, thanks!',
        'This comment has been rejected',
        markup,
      ]);
      expect(await stillSameDocument(otherTab)).toBe(true);
      const screenshotFile = process.env.UPDATE_SCREENSHOT
        ? path.join(repoRoot, 'docs', 'screenshot.png')
        : path.join(os.tmpdir(), 'blog-screenshot.png');
      await page.screenshot({ path: screenshotFile, fullPage: true });
      await otherTab.close();
      await page.close();
    }, 60_000);

    it('bad input, when the API refuses it, shows the error in the page', async () => {
      // Arrange
      const { page } = await openBlog();

      // Act
      await page.getByLabel('Title', { exact: true }).fill('x'.repeat(201));
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();

      // Assert
      expect(await alert.textContent()).toBe('title must be at most 200 characters');
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toHaveLength(201);
      await page.close();
    }, 30_000);

    it('the live stream, when the query service restarts, reconnects and shows what changed meanwhile', async () => {
      // Arrange
      const { page } = await openBlog();
      const title = 'Written while the stream was down';

      // Act
      await stack.kill('query');
      await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 10_000 });
      const created = await fetch(`${stack.urls.client}/posts/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      await stack.restart('query');
      await page.getByRole('article', { name: title }).waitFor({ timeout: 30_000 });

      // Assert
      expect(created.status).toBe(201);
      expect(await page.getByRole('status').textContent()).toBe('Live');
      expect(await stillSameDocument(page)).toBe(true);
      await page.close();
    }, 60_000);
  });
}
