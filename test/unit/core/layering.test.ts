import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, tsSources } from '../../helpers/sources';

describe('layering', () => {
  for (const layer of ['src/core', 'src/shared']) {
    it(`${layer} never imports vscode (it must run in plain Node)`, () => {
      const files = tsSources(path.join(REPO, layer));
      assert.ok(files.length > 0, `${layer} has sources`);
      const offenders = files.filter((f) =>
        /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(
          fs.readFileSync(f, 'utf8'),
        ),
      );
      assert.deepStrictEqual(
        offenders.map((f) => path.relative(REPO, f)),
        [],
      );
    });
  }

  it('src/core and src/shared do not reach into host or webview code', () => {
    const files = [...tsSources(path.join(REPO, 'src/core')), ...tsSources(path.join(REPO, 'src/shared'))];
    const offenders = files.filter((f) => /from\s+['"][./]+\/(host|webview)\//.test(fs.readFileSync(f, 'utf8')));
    assert.deepStrictEqual(
      offenders.map((f) => path.relative(REPO, f)),
      [],
    );
  });

  /** Every relative import in a file, resolved to an absolute path without extension. */
  function imports(file: string): string[] {
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);
    return specs.map((s) => path.resolve(path.dirname(file), s));
  }
  const core = path.join(REPO, 'src/core');
  /** The top-level room of a path inside src/core ('' for the REPO), or undefined outside it. */
  function roomOf(p: string): string | undefined {
    const rel = path.relative(core, p);
    if (rel.startsWith('..')) return undefined;
    const parts = rel.split(path.sep);
    return parts.length > 1 ? parts[0] : '';
  }
  /** Whether `target` is a room's entry point (`core/<room>` or `core/<room>/index`) or a REPO file. */
  function isEntry(target: string): boolean {
    const rel = path.relative(core, target).split(path.sep);
    if (rel.length === 1) return true;
    return rel.length === 2 && rel[1] === 'index';
  }

  it('src/core has no file at its REPO other than shared types', () => {
    const rootFiles = fs
      .readdirSync(core, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    assert.deepStrictEqual(rootFiles, ['types.ts']);
  });

  it("no module imports a sibling room's internals: only its entry point", () => {
    const offenders: string[] = [];
    for (const file of tsSources(path.join(REPO, 'src'))) {
      const from = roomOf(file);
      for (const target of imports(file)) {
        const to = roomOf(target);
        if (to === undefined || to === '' || to === from) continue;
        if (!isEntry(target)) offenders.push(`${path.relative(REPO, file)} -> ${path.relative(REPO, target)}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the layering check sees a deep import as a violation', () => {
    assert.strictEqual(isEntry(path.join(core, 'client')), true);
    assert.strictEqual(isEntry(path.join(core, 'client/index')), true);
    assert.strictEqual(isEntry(path.join(core, 'client/streamChat')), false);
    assert.strictEqual(isEntry(path.join(core, 'client/decode/sseReader')), false);
  });
});

/**
 * The rooms of each layer and their order, lowest first. A room may import only from rooms on lower
 * levels; rooms on one level are peers and import nothing from each other. A new folder (or a new
 * file at the host's root) must be placed here, so its place in the order is a decision.
 */
const LAYERS: { base: string; rootFilesApart: boolean; levels: string[][] }[] = [
  { base: 'src', rootFilesApart: true, levels: [['core'], ['shared'], ['cli', 'host', 'webview'], ['extension']] },
  {
    base: 'src/core',
    rootFilesApart: true,
    levels: [
      ['types'],
      ['base', 'files'],
      ['editor'],
      ['client'],
      ['context', 'providers', 'prompts'],
      ['tools'],
      ['chat', 'edits', 'commands'],
    ],
  },
  {
    base: 'src/host',
    rootFilesApart: true,
    levels: [
      ['ui', 'settings', 'viewIds'],
      ['context', 'runCommand'],
      ['edit', 'prompts', 'history', 'tools'],
      ['chat'],
      ['setup'],
      ['services'],
      ['commands'],
      ['rill'],
    ],
  },
  // The webview's files at its root are one room: the views, over the Markdown renderer.
  { base: 'src/webview', rootFilesApart: false, levels: [['render'], ['.']] },
];

/** An import from one room to another. */
interface RoomEdge {
  from: string;
  to: string;
  /** `file -> import`, relative to the repository, for the failure message. */
  where: string;
}

/** The room of `file` below `base`: its first folder, else (a file at the root) its name, or `.` for all root files. */
function roomIn(base: string, file: string, rootFilesApart: boolean): string | undefined {
  const rel = path.relative(base, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  if (parts.length > 1) return parts[0];
  return rootFilesApart ? parts[0].replace(/\.(ts|json)$/, '') : '.';
}

/** Every relative import of the files below `base` that crosses from one room to another. */
function roomEdges(base: string, rootFilesApart: boolean): RoomEdge[] {
  const abs = path.join(REPO, base);
  const edges: RoomEdge[] = [];
  for (const file of tsSources(abs)) {
    const from = roomIn(abs, file, rootFilesApart);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1] as string);
      const to = roomIn(abs, target, rootFilesApart);
      if (from === undefined || to === undefined || to === from) continue;
      edges.push({ from, to, where: `${path.relative(REPO, file)} -> ${m[1]}` });
    }
  }
  return edges;
}

/** The imports that go up the order or between peers, and the rooms the order does not place. */
function orderViolations(edges: RoomEdge[], levels: string[][]): string[] {
  const level = new Map(levels.flatMap((names, i) => names.map((n) => [n, i] as const)));
  const out = new Set<string>();
  for (const e of edges) {
    for (const r of [e.from, e.to]) if (!level.has(r)) out.add(`room "${r}" is not placed in the order`);
    const a = level.get(e.from);
    const b = level.get(e.to);
    if (a !== undefined && b !== undefined && b >= a) out.add(`${e.from} -> ${e.to} (${e.where})`);
  }
  return [...out];
}

/** The import cycles between rooms: each strongly connected group of two or more rooms. */
function roomCycles(edges: RoomEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)!.add(e.to);
  }
  const reach = (start: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length) for (const n of next.get(todo.pop()!) ?? []) if (!seen.has(n) && seen.add(n)) todo.push(n);
    return seen;
  };
  const rooms = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const reached = new Map(rooms.map((r) => [r, reach(r)]));
  const groups = new Map<string, string[]>();
  for (const r of rooms) {
    const group = rooms.filter((o) => o === r || (reached.get(r)!.has(o) && reached.get(o)!.has(r)));
    if (group.length > 1) groups.set(group.join(','), group);
  }
  return [...groups.values()];
}

describe('layering: rooms and their order', () => {
  for (const { base, rootFilesApart, levels } of LAYERS) {
    const edges = roomEdges(base, rootFilesApart);
    it(`${base}: no import cycle between rooms`, () => {
      assert.ok(edges.length > 0, `${base} has imports between rooms`);
      assert.deepStrictEqual(roomCycles(edges), []);
    });
    it(`${base}: no room imports from a higher room or a peer (${levels.map((l) => l.join(' ')).join(' < ')})`, () => {
      assert.deepStrictEqual(orderViolations(edges, levels), []);
    });
  }

  it('the checks see an upward import, an import between peers, an unplaced room and a cycle', () => {
    const edges: RoomEdge[] = [
      { from: 'low', to: 'high', where: 'a' },
      { from: 'high', to: 'low', where: 'b' },
      { from: 'peer1', to: 'peer2', where: 'c' },
      { from: 'high', to: 'stray', where: 'd' },
    ];
    const levels = [['low'], ['peer1', 'peer2'], ['high']];
    assert.deepStrictEqual(orderViolations(edges, levels), [
      'low -> high (a)',
      'peer1 -> peer2 (c)',
      'room "stray" is not placed in the order',
    ]);
    assert.deepStrictEqual(roomCycles(edges), [['high', 'low']]);
    assert.strictEqual(roomIn('/r/src', '/r/src/host/chat/x.ts', true), 'host');
    assert.strictEqual(roomIn('/r/src/webview', '/r/src/webview/main.ts', false), '.');
  });
});
