import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApp } from '../bench/generate-app';
import { compile } from '../src/index';
import { checkWithWechatCompilers } from './wechat-check';

const repo = new URL('../../../', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function build(appPath: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tessera-wcc-out-'));
  dirs.push(outDir);
  await compile(JSON.parse(await readFile(appPath, 'utf8')), { target: 'mp', outDir });
  return outDir;
}

const templates = (await readdir(join(repo, 'templates'), { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe("WeChat's wcc / wcsc accept every emitted WXML and WXSS file", () => {
  it.each(templates)('template %s', async (name) => {
    const outDir = await build(join(repo, 'templates', name, 'app.json'));
    expect(await checkWithWechatCompilers(outDir)).toEqual([]);
  });

  it('every conformance and codegen fixture', async () => {
    const problems: string[] = [];
    for (const kind of ['conformance', 'conformance-server', 'codegen']) {
      const root = new URL(`../fixtures/${kind}/`, import.meta.url).pathname;
      for (const entry of await readdir(root, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const outDir = await build(join(root, entry.name, 'app.json'));
        problems.push(
          ...(await checkWithWechatCompilers(outDir)).map((problem) => `${kind}/${entry.name}: ${problem}`),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('the generated 50-page benchmark app', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tessera-wcc-out-'));
    dirs.push(outDir);
    await compile(generateApp(50, 40), { target: 'mp', outDir });
    expect(await checkWithWechatCompilers(outDir)).toEqual([]);
  });

  it('reports a rejected file with file:line:col', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tessera-wcc-bad-'));
    dirs.push(outDir);
    await writeFile(join(outDir, 'bad.wxml'), '<view>\n  {{ user?.name }}\n</view>\n');
    await writeFile(join(outDir, 'bad.wxss'), '.a { color: red;\n');
    const problems = await checkWithWechatCompilers(outDir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^bad\.wxml:\d+:\d+: .*unexpected token/);
    expect(problems[1]).toMatch(/^bad\.wxss:\d+:\d+: /);
  });
});
