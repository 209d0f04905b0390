import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/server/content/load';

function folder(catalog: string, modules: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-content-'));
  mkdirSync(join(dir, 'modules'));
  writeFileSync(join(dir, 'catalog.yaml'), catalog);
  for (const [name, text] of Object.entries(modules))
    writeFileSync(join(dir, 'modules', name), text);
  return dir;
}

const moduleText = (id: string, competency: string) =>
  `---\nid: ${id}\ntitle: ${id}\ncompetencies: [${competency}]\n---\n\n## Lesson\n\nText.\n`;

describe('loading a content folder', () => {
  it('orders modules as the pathways list them', () => {
    const dir = folder(
      'competencies: [{ id: c, title: C }]\npathways: [{ id: p, title: P, moduleIds: [zeta, alpha] }]\n',
      {
        'alpha.md': moduleText('alpha', 'c'),
        'zeta.md': moduleText('zeta', 'c'),
        'mid.md': moduleText('mid', 'c'),
      },
    );
    const content = loadContentDir(dir);
    expect(content.errors).toEqual([]);
    expect(content.modules.map((m) => m.id)).toEqual(['zeta', 'alpha', 'mid']);
  });

  it('reports ids that the catalog does not know, with the file', () => {
    const dir = folder(
      'competencies: [{ id: c, title: C }]\npathways: [{ id: p, title: P, moduleIds: [alpha, ghost] }]\n',
      { 'alpha.md': moduleText('alpha', 'nope') },
    );
    const { errors } = loadContentDir(dir);
    expect(errors.map((e) => `${e.file.split('/').pop()}: ${e.message}`)).toEqual([
      'catalog.yaml: unknown module "ghost" (not in catalog.yaml)',
      'alpha.md: unknown competency "nope" (not in catalog.yaml)',
    ]);
  });
});
