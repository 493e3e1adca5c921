/** @module test/teams/boundary — only adapters/teams/ may import the Bot Framework SDK (src/, the other adapters and bench/ never do). */
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SDK_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](botbuilder[^'"]*|botframework-[^'"]*)['"]/;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(rel)));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

describe('Bot Framework boundary', () => {
  it('no file in src/, adapters/ (but teams) or bench/ imports botbuilder* or botframework-*', async () => {
    // Tests may quote such imports (other rooms' boundary tests do), so test/ is not scanned.
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('adapters')), ...(await sourceFiles('bench').catch(() => []))];
    const offenders: string[] = [];
    for (const file of files) {
      if (file.startsWith(`adapters${path.sep}teams${path.sep}`)) continue;
      if (SDK_IMPORT.test(await readFile(path.join(ROOT, file), 'utf8'))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('finds the imports it looks for', async () => {
    expect(SDK_IMPORT.test(await readFile(path.join(ROOT, 'adapters/teams/bot.ts'), 'utf8'))).toBe(true);
    expect(SDK_IMPORT.test("import { x } from 'botframework-connector';")).toBe(true);
  });
});
