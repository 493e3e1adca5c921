/** @module test/teams/package — `npm run teams:package` builds an app zip Teams accepts: manifest fields and icon sizes. */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { buildTeamsPackage, writeTeamsPackage } from '../../adapters/teams/package-app.js';
import { ISSUE_COMMAND_ID } from '../../adapters/teams/bot.js';
import { readPng } from './png.js';

const APP_ID = '0b8f7a52-1c3e-4d2b-9a55-6f0e9a1d2c33';
const run = promisify(execFile);

describe('Teams app package', () => {
  it('holds a filled-in manifest with everything Teams requires', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'credbot-teams-'));
    try {
      const out = await writeTeamsPackage({ MicrosoftAppId: APP_ID, PUBLIC_BASE_URL: 'https://credbot.example.edu/' }, path.join(dir, 'credbot-teams.zip'));
      const zip = new AdmZip(await readFile(out));
      expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(zip.readAsText('manifest.json'));

      expect(manifest.$schema).toMatch(/teams\/v1\.(19|2\d)\/MicrosoftTeams\.schema\.json$/);
      expect(manifest.manifestVersion).toBe(manifest.$schema.match(/v(1\.\d+)\//)[1]);
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(manifest.id).toBe(APP_ID);
      for (const key of ['name', 'privacyUrl', 'termsOfUseUrl', 'websiteUrl']) expect(manifest.developer[key]).toBeTruthy();
      expect(manifest.developer.websiteUrl).toBe('https://credbot.example.edu');
      expect(manifest.name.short.length).toBeLessThanOrEqual(30);
      expect(manifest.description.short.length).toBeLessThanOrEqual(80);
      expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
      expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
      expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
      expect(manifest.validDomains).toEqual(['credbot.example.edu']);
      expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);

      const [bot] = manifest.bots;
      expect(bot.botId).toBe(APP_ID);
      expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
      expect(bot.supportsFiles).toBe(true);
      const commands = bot.commandLists[0].commands.map((c: { title: string }) => c.title);
      expect(commands).toEqual(expect.arrayContaining(['help', 'groups', 'group new', 'status']));
      expect(commands.length).toBeLessThanOrEqual(10);
      for (const c of bot.commandLists[0].commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }

      const [extension] = manifest.composeExtensions;
      expect(extension.botId).toBe(APP_ID);
      expect(extension.commands).toEqual([
        expect.objectContaining({ id: ISSUE_COMMAND_ID, type: 'action', title: 'Issue credentials', fetchTask: true }),
      ]);

      const color = readPng(zip.readFile('color.png')!);
      expect([color.width, color.height]).toEqual([192, 192]);
      const outline = readPng(zip.readFile('outline.png')!);
      expect([outline.width, outline.height]).toEqual([32, 32]);
      // Outline: white on transparent only (Teams tints it); and not empty.
      let opaque = 0;
      for (let i = 0; i < outline.pixels.length; i += 4) {
        const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
        if (a! > 0) {
          opaque++;
          expect([r, g, b]).toEqual([255, 255, 255]);
        }
      }
      expect(opaque).toBeGreaterThan(50);
      expect(outline.pixels[3]).toBe(0); // the corner is transparent
      expect(color.pixels[3]).toBe(255); // the colour icon has a solid background
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to build without an app id or an https address, saying which', async () => {
    await expect(buildTeamsPackage({ publicBaseUrl: 'https://x.edu' })).rejects.toThrow(/MicrosoftAppId is not set/);
    await expect(buildTeamsPackage({ appId: 'credbot', publicBaseUrl: 'https://x.edu' })).rejects.toThrow(/not a GUID/);
    await expect(buildTeamsPackage({ appId: APP_ID })).rejects.toThrow(/PUBLIC_BASE_URL is not set/);
    await expect(buildTeamsPackage({ appId: APP_ID, publicBaseUrl: 'http://x.edu' })).rejects.toThrow(/https/);
  });

  it('runs as `npm run teams:package` and exits non-zero with the reason when unconfigured', async () => {
    const env = { ...process.env, MicrosoftAppId: '', PUBLIC_BASE_URL: '' };
    const failed = await run('npm', ['run', '-s', 'teams:package'], { env }).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/MicrosoftAppId is not set/);
  });
});
