// What grew between two V8 heap snapshots of the same process (plain Node, no dependencies).
//
//   node bench/lib/heap-diff.js early.heapsnapshot late.heapsnapshot [--top 10] [--holders 10]
//
// Prints two tables:
//  - growers: live objects grouped by node type and name (the constructor for objects, the
//    function name for closures, "(string)" for every kind of string), with count and self size in
//    each snapshot, sorted by the growth of self size;
//  - holders: the objects that are new in the late snapshot (V8 keeps an object's id across
//    snapshots of one process, so "new" means "id unknown to the early one"), grouped by the
//    nearest object on their shortest path from the GC roots that was already alive early — the
//    long-lived thing that keeps them — with the edge that leads from it. A leak shows as one
//    holder whose new objects add up; churn (caches that replace what they hold) shows as new
//    objects matched by as many gone ones in the growers table.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** Parses a .heapsnapshot file into flat arrays plus a few accessors. */
export function loadSnapshot(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const meta = json.snapshot.meta;
  const nf = meta.node_fields;
  const ef = meta.edge_fields;
  const nodeTypes = meta.node_types[nf.indexOf('type')];
  const edgeTypes = meta.edge_types[ef.indexOf('type')];
  const N = nf.length;
  const E = ef.length;
  const [nType, nName, nId, nSize, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    nf.indexOf(f),
  );
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const { nodes, edges, strings } = json;
  const count = nodes.length / N;
  // First edge of each node: edges are stored node after node.
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * N + nEdges] * E;
    firstEdge[i + 1] = e;
  }
  const type = (i) => nodeTypes[nodes[i * N + nType]];
  const name = (i) => strings[nodes[i * N + nName]];
  const id = (i) => nodes[i * N + nId];
  const size = (i) => nodes[i * N + nSize];
  const edgeType = (e) => edgeTypes[edges[e + eType]];
  const edgeName = (e) => {
    const t = edgeType(e);
    const v = edges[e + eName];
    return t === 'element' || t === 'hidden' ? `[${v}]` : String(strings[v]);
  };
  const edgeTo = (e) => edges[e + eTo] / N;
  return { path, count, firstEdge, E, type, name, id, size, edgeType, edgeName, edgeTo };
}

/** The group an object is counted in, as the DevTools summary view does it, roughly. */
export function groupOf(s, i) {
  const type = s.type(i);
  if (STRING_TYPES.has(type)) return '(string)';
  if (type === 'number') return '(heap number)';
  if (type === 'code') return '(compiled code)';
  if (type === 'bigint') return '(bigint)';
  const name = s.name(i) || '(anonymous)';
  const short = name.length > 70 ? `${name.slice(0, 67)}…` : name;
  return type === 'object' ? short : `(${type}) ${short}`;
}

function summarize(s) {
  const groups = new Map();
  let total = 0;
  for (let i = 0; i < s.count; i++) {
    const g = groupOf(s, i);
    const entry = groups.get(g) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += s.size(i);
    total += s.size(i);
    groups.set(g, entry);
  }
  return { groups, total };
}

/** Shortest-path parent of every node from the root (node 0), ignoring weak edges. */
function shortestParents(s) {
  const parent = new Int32Array(s.count).fill(-1);
  const via = new Int32Array(s.count).fill(-1);
  const seen = new Uint8Array(s.count);
  const queue = new Uint32Array(s.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const i = queue[head++];
    for (let e = s.firstEdge[i]; e < s.firstEdge[i + 1]; e += s.E) {
      const t = s.edgeType(e);
      if (t === 'weak' || t === 'shortcut') continue;
      const to = s.edgeTo(e);
      if (seen[to]) continue;
      seen[to] = 1;
      parent[to] = i;
      via[to] = e;
      queue[tail++] = to;
    }
  }
  return { parent, via };
}

/**
 * Compares two snapshots of one process. Returns the groups sorted by self-size growth and the
 * holders of the objects that are new in `late`.
 */
export function diffSnapshots(earlyPath, latePath, { top = 10, holders = 10 } = {}) {
  const a = loadSnapshot(earlyPath);
  const sa = summarize(a);
  const earlyIds = new Set();
  for (let i = 0; i < a.count; i++) earlyIds.add(a.id(i));
  const b = loadSnapshot(latePath);
  const sb = summarize(b);

  const names = new Set([...sa.groups.keys(), ...sb.groups.keys()]);
  const rows = [...names].map((group) => {
    const x = sa.groups.get(group) ?? { count: 0, size: 0 };
    const y = sb.groups.get(group) ?? { count: 0, size: 0 };
    return {
      group,
      countA: x.count,
      countB: y.count,
      sizeA: x.size,
      sizeB: y.size,
      dCount: y.count - x.count,
      dSize: y.size - x.size,
    };
  });
  rows.sort((p, q) => q.dSize - p.dSize || q.dCount - p.dCount);

  // New objects, grouped by the nearest ancestor (on the shortest path) that is not new.
  const { parent, via } = shortestParents(b);
  const held = new Map();
  let newCount = 0;
  let newSize = 0;
  let unreachable = 0;
  for (let i = 1; i < b.count; i++) {
    if (earlyIds.has(b.id(i))) continue;
    newCount++;
    newSize += b.size(i);
    let child = i;
    let p = parent[i];
    while (p > 0 && !earlyIds.has(b.id(p))) {
      child = p;
      p = parent[p];
    }
    // One row per holder object and edge: a leak is one container gaining entries.
    let key;
    let label;
    if (p < 0) {
      unreachable++;
      key = 'weak';
      label = '(reachable only through weak edges)';
    } else {
      // Indices differ from one entry to the next: "[n]" groups every element of one container.
      const edge = /^\[?\d+\]?$/.test(b.edgeName(via[child])) ? '[n]' : b.edgeName(via[child]);
      key = `${b.id(p)} ${edge}`;
      label = `${groupOf(b, p)} @${b.id(p)} —${edge}→`;
    }
    const entry = held.get(key) ?? { label, holder: p >= 0 ? b.id(p) : undefined, count: 0, size: 0, kinds: new Map() };
    entry.count++;
    entry.size += b.size(i);
    const kind = groupOf(b, i);
    entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
    held.set(key, entry);
  }
  const indexOfId = new Map();
  for (let i = 0; i < b.count; i++) indexOfId.set(b.id(i), i);
  // The last steps of the shortest path from the roots to an example holder: where it lives.
  const pathTo = (id, depth = 6) => {
    if (id === undefined) return '';
    const steps = [];
    for (let i = indexOfId.get(id); i > 0 && parent[i] >= 0 && steps.length < depth; i = parent[i])
      steps.unshift(`.${b.edgeName(via[i])}→${groupOf(b, i)}`);
    return steps.join(' ');
  };
  // How many things a holder references, early and late (a Map or a Set: the slots of its backing
  // table, about two per entry): a container that gains entries grows there; one that replaces
  // them (a cache, a re-rendered tree) does not.
  const earlyIndexOfId = new Map();
  for (let i = 0; i < a.count; i++) earlyIndexOfId.set(a.id(i), i);
  const entries = (s, i) => {
    if (i === undefined) return NaN;
    let n = 0;
    for (let e = s.firstEdge[i]; e < s.firstEdge[i + 1]; e += s.E) {
      const t = s.edgeType(e);
      if (t === 'weak' || t === 'shortcut') continue;
      if (s.edgeName(e) === 'table' && s.type(i) === 'object' && /^(Map|Set)$/.test(s.name(i))) {
        const table = s.edgeTo(e);
        let m = 0;
        for (let f = s.firstEdge[table]; f < s.firstEdge[table + 1]; f += s.E) if (s.edgeType(f) !== 'weak') m++;
        return m;
      }
      n++;
    }
    return n;
  };
  const holderRows = [...held.values()]
    .sort((p, q) => q.size - p.size)
    .slice(0, holders)
    .map((row) => ({
      holder: row.label,
      refs:
        row.holder === undefined
          ? '-'
          : `${entries(a, earlyIndexOfId.get(row.holder))} → ${entries(b, indexOfId.get(row.holder))}`,
      count: row.count,
      size: row.size,
      // What the new objects are, most frequent first.
      kinds: [...row.kinds.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', '),
      path: pathTo(row.holder),
    }));

  return {
    early: { path: earlyPath, nodes: a.count, selfSize: sa.total },
    late: { path: latePath, nodes: b.count, selfSize: sb.total },
    newObjects: { count: newCount, size: newSize, unreachable },
    growers: rows.filter((r) => r.dSize > 0 || r.dCount > 0).slice(0, top),
    shrinkers: rows
      .filter((r) => r.dSize < 0)
      .slice(-3)
      .reverse(),
    holders: holderRows,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const signed = (v, f = String) => (v > 0 ? `+${f(v)}` : v < 0 ? `-${f(-v)}` : f(0));

/** Prints a diff as Markdown-ish tables. */
export function printDiff(d, log = console.log) {
  log(
    `\nHeap snapshot diff: ${d.early.path} (${d.early.nodes} objects, ${kb(d.early.selfSize)}) → ${d.late.path} (${d.late.nodes} objects, ${kb(d.late.selfSize)}): ${signed(d.late.nodes - d.early.nodes)} objects, ${signed(d.late.selfSize - d.early.selfSize, kb)}`,
  );
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const fmt = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
    log('');
    log(fmt(header));
    log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
    for (const row of rows) log(fmt(row));
  };
  table(
    [
      'type / constructor (top growers by self size)',
      'count early → late',
      'Δ count',
      'self size early → late',
      'Δ self size',
    ],
    d.growers.map((r) => [
      r.group,
      `${r.countA} → ${r.countB}`,
      signed(r.dCount),
      `${kb(r.sizeA)} → ${kb(r.sizeB)}`,
      signed(r.dSize, kb),
    ]),
  );
  if (d.shrinkers.length > 0)
    table(
      ['largest shrinkers', 'count early → late', 'Δ count', 'self size early → late', 'Δ self size'],
      d.shrinkers.map((r) => [
        r.group,
        `${r.countA} → ${r.countB}`,
        signed(r.dCount),
        `${kb(r.sizeA)} → ${kb(r.sizeB)}`,
        signed(r.dSize, kb),
      ]),
    );
  log(
    `\nObjects new in the late snapshot: ${d.newObjects.count} (${kb(d.newObjects.size)}), by holder (the nearest object on their shortest path from the GC roots that was alive early, and the edge that leads from it to them):`,
  );
  table(
    ['holder @id —edge→', 'references early → late', 'new objects', 'their self size', 'most of them'],
    d.holders.map((h) => [h.holder, h.refs, h.count, kb(h.size), h.kinds]),
  );
  log('\nWhere each holder lives (the last steps of its shortest path from the GC roots):');
  d.holders.forEach((h, i) => log(`${i + 1}. ${h.holder.split(' —')[0]}: ${h.path || '(root)'}`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string' }, holders: { type: 'string' } },
  });
  if (positionals.length !== 2) {
    console.error('usage: node bench/lib/heap-diff.js early.heapsnapshot late.heapsnapshot [--top N] [--holders N]');
    process.exit(2);
  }
  printDiff(
    diffSnapshots(positionals[0], positionals[1], {
      top: Number(values.top ?? 10),
      holders: Number(values.holders ?? 10),
    }),
  );
}
