/**
 * @module adapters/teams/package-app — `npm run teams:package`: builds the Teams app package
 * (`dist/credbot-teams.zip`: manifest.json + colour and outline icons) that an admin uploads to
 * Teams. `{{MicrosoftAppId}}`, `{{PUBLIC_BASE_URL}}`, `{{PUBLIC_HOST}}` and `{{VERSION}}` in the
 * manifest are filled from the environment; a missing or malformed value is one clear error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MANIFEST_DIR = path.resolve(HERE, '../../manifests/teams');
const ROOT = path.resolve(HERE, '../..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageInput {
  appId: string;
  /** The bot's public base URL, e.g. https://credbot.example.edu */
  publicBaseUrl: string;
  /** App version (x.y.z); default: package.json's. */
  version?: string;
}

export class PackageError extends Error {}

export function checkInput(input: Partial<PackageInput>): PackageInput {
  if (!input.appId) throw new PackageError('MicrosoftAppId is not set: the Teams app id is the bot\'s Microsoft app id (a GUID).');
  if (!GUID.test(input.appId)) throw new PackageError(`MicrosoftAppId "${input.appId}" is not a GUID such as 00000000-0000-0000-0000-000000000000.`);
  if (!input.publicBaseUrl) throw new PackageError('PUBLIC_BASE_URL is not set: Teams needs the public https address of the bot (e.g. https://credbot.example.edu).');
  let url: URL;
  try {
    url = new URL(input.publicBaseUrl);
  } catch {
    throw new PackageError(`PUBLIC_BASE_URL "${input.publicBaseUrl}" is not a URL.`);
  }
  if (url.protocol !== 'https:') throw new PackageError(`PUBLIC_BASE_URL must start with https:// for Teams (got ${url.protocol}//).`);
  return { ...input, appId: input.appId, publicBaseUrl: url.origin + url.pathname.replace(/\/+$/, '') };
}

/** Fills the manifest template; refuses to leave any `{{placeholder}}` behind. */
export function renderManifest(template: string, input: PackageInput, version: string): Record<string, unknown> {
  const host = new URL(input.publicBaseUrl).host;
  const values: Record<string, string> = { MicrosoftAppId: input.appId, PUBLIC_BASE_URL: input.publicBaseUrl, PUBLIC_HOST: host, VERSION: version };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => values[name] ?? m);
  const left = filled.match(/\{\{\w+\}\}/);
  if (left) throw new PackageError(`manifest.json has an unknown placeholder ${left[0]}.`);
  return JSON.parse(filled) as Record<string, unknown>;
}

export async function buildTeamsPackage(raw: Partial<PackageInput>): Promise<Buffer> {
  const input = checkInput(raw);
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = input.version ?? pkg.version;
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new PackageError(`The app version "${version}" must look like 1.2.3.`);
  const manifest = renderManifest(await readFile(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'), input, version);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  zip.addFile('color.png', await readFile(path.join(MANIFEST_DIR, 'color.png')));
  zip.addFile('outline.png', await readFile(path.join(MANIFEST_DIR, 'outline.png')));
  return zip.toBuffer();
}

export async function writeTeamsPackage(env: NodeJS.ProcessEnv, outFile = path.join(ROOT, 'dist/credbot-teams.zip')): Promise<string> {
  const zip = await buildTeamsPackage({ appId: env.MicrosoftAppId?.trim(), publicBaseUrl: env.PUBLIC_BASE_URL?.trim(), version: env.TEAMS_APP_VERSION?.trim() || undefined });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = await writeTeamsPackage(process.env);
    console.log(`Teams app package written to ${path.relative(process.cwd(), out)}. Upload it in Teams: Apps > Manage your apps > Upload an app.`);
  } catch (err) {
    console.error(err instanceof PackageError ? `teams:package: ${err.message}` : err);
    process.exitCode = 1;
  }
}
