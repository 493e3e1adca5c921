/** The core (and everything under src/) never imports a platform SDK: only adapters speak Slack or Teams. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(process.cwd(), 'src');
const PLATFORM_SDK = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](@slack\/[^'"]*|botbuilder[^'"]*|botframework-[^'"]*)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

function platformImports(files: string[]): string[] {
  return files.flatMap((file) => {
    const match = PLATFORM_SDK.exec(readFileSync(file, 'utf8'));
    return match ? [`${relative(process.cwd(), file)} imports ${match[1]}`] : [];
  });
}

describe('boundary', () => {
  it('finds the source files it guards', () => {
    const files = sourceFiles(ROOT).map((f) => relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining(['core/create-core.ts', 'core/chat-port.ts', 'config.ts']));
  });

  it('no file under src/ imports @slack/*, botbuilder* or botframework-*', () => {
    expect(platformImports(sourceFiles(ROOT))).toEqual([]);
  });

  it('would catch each kind of platform import', () => {
    const samples = [
      "import { App } from '@slack/bolt';",
      'import type { TurnContext } from "botbuilder";',
      "const c = await import('botframework-connector');",
      "import 'botbuilder-core';",
    ];
    for (const s of samples) expect(PLATFORM_SDK.test(s)).toBe(true);
    expect(PLATFORM_SDK.test("import { x } from './slack-words.js';")).toBe(false);
  });
});
