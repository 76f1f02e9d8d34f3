/**
 * Layouts for the two pictures, computed with dagre (a layered graph layout):
 * - the ER diagram: one box per table or view with its columns, an arrow per foreign key
 *   (referenced tables to the left);
 * - the migration graph: one node per migration, ranked left to right by dependencies with
 *   dagre, then placed in one horizontal lane per app (parallel branches stack inside a lane).
 */
import dagre from '@dagrejs/dagre';
import type { GraphNode, MigrationGraphData, RelationInfo } from '../../worker/protocol.ts';

export interface Point {
  x: number;
  y: number;
}

export const ER = { char: 7.4, header: 24, row: 18, pad: 10 };

export interface ErBox {
  key: string;
  relation: RelationInfo;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ErEdge {
  key: string;
  from: string;
  to: string;
  label: string;
  points: Point[];
}

export interface ErLayout {
  boxes: ErBox[];
  edges: ErEdge[];
  width: number;
  height: number;
}

const relKey = (schema: string, name: string) => `${schema}.${name}`;

export function layoutEr(relations: RelationInfo[]): ErLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, { w: number; h: number }>();
  for (const r of relations) {
    const longest = Math.max(r.name.length + 2, ...r.columns.map((c) => c.name.length + c.type.length + 5 + (c.pk ? 4 : 0)));
    const w = Math.max(140, Math.round(longest * ER.char + 2 * ER.pad));
    const h = ER.header + Math.max(1, r.columns.length) * ER.row + 8;
    const key = relKey(r.schema, r.name);
    sizes.set(key, { w, h });
    g.setNode(key, { width: w, height: h });
  }
  const edges: { from: string; to: string; label: string; name: string }[] = [];
  for (const r of relations) {
    const from = relKey(r.schema, r.name);
    for (const fk of r.foreignKeys) {
      const to = relKey(fk.targetSchema, fk.targetTable);
      if (!sizes.has(to)) continue;
      edges.push({ from, to, label: fk.columns.join(', '), name: fk.name });
      // referenced table ranks first (left)
      if (from !== to) g.setEdge(to, from, {}, fk.name);
    }
  }
  dagre.layout(g);
  const boxes: ErBox[] = relations.map((r) => {
    const key = relKey(r.schema, r.name);
    const n = g.node(key) as { x: number; y: number };
    const { w, h } = sizes.get(key)!;
    return { key, relation: r, x: n.x - w / 2, y: n.y - h / 2, w, h };
  });
  const byKey = new Map(boxes.map((b) => [b.key, b]));
  const outEdges: ErEdge[] = edges.map((e) => {
    const a = byKey.get(e.from)!;
    const b = byKey.get(e.to)!;
    const col = a.relation.columns.findIndex((c) => c.name === e.label.split(', ')[0]);
    const y1 = a.y + ER.header + (Math.max(0, col) + 0.5) * ER.row;
    const targetCol = b.relation.columns.findIndex((c) => c.pk);
    const y2 = b.y + ER.header + (Math.max(0, targetCol) + 0.5) * ER.row;
    let points: Point[];
    if (e.from === e.to) {
      const x = a.x + a.w;
      points = [
        { x, y: y1 },
        { x: x + 30, y: y1 },
        { x: x + 30, y: y2 },
        { x, y: y2 },
      ];
    } else if (b.x + b.w < a.x) {
      points = [
        { x: a.x, y: y1 },
        { x: b.x + b.w, y: y2 },
      ];
    } else if (a.x + a.w < b.x) {
      points = [
        { x: a.x + a.w, y: y1 },
        { x: b.x, y: y2 },
      ];
    } else {
      points = [
        { x: a.x, y: y1 },
        { x: Math.min(a.x, b.x) - 30, y: (y1 + y2) / 2 },
        { x: b.x, y: y2 },
      ];
    }
    return { key: e.name, from: e.from, to: e.to, label: e.label, points };
  });
  const gl = g.graph() as { width?: number; height?: number };
  return { boxes, edges: outEdges, width: Math.max(200, (gl.width ?? 0) + 40), height: Math.max(100, (gl.height ?? 0) + 20) };
}

/** An SVG path through points: straight for two, a smooth curve for more. */
export function pathOf(points: Point[]): string {
  if (points.length === 0) return '';
  if (points.length === 2) {
    const [p, q] = points as [Point, Point];
    const dx = Math.max(30, Math.abs(q.x - p.x) / 2) * (q.x >= p.x ? 1 : -1);
    return `M${p.x},${p.y} C${p.x + dx},${p.y} ${q.x - dx},${q.y} ${q.x},${q.y}`;
  }
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) d += ` L${points[i]!.x},${points[i]!.y}`;
  return d;
}

// --- migration graph ---------------------------------------------------------------------------

export const MG = { nodeH: 26, char: 7.2, laneGap: 14, rowGap: 8, labelW: 90, ranksep: 36 };

export interface MgNode {
  key: string;
  node: GraphNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MgLane {
  app: string;
  y: number;
  h: number;
}

export interface MgEdge {
  key: string;
  d: string;
  kind: 'dependency' | 'replaces';
}

export interface MgLayout {
  nodes: MgNode[];
  lanes: MgLane[];
  edges: MgEdge[];
  width: number;
  height: number;
}

export function layoutMigrations(data: MigrationGraphData): MgLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: MG.ranksep, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const keyOf = (n: GraphNode) => `${n.app}.${n.name}`;
  const widths = new Map<string, number>();
  for (const n of data.nodes) {
    const w = Math.round(n.name.length * MG.char + 22);
    widths.set(keyOf(n), w);
    g.setNode(keyOf(n), { width: w, height: MG.nodeH });
  }
  for (const [child, parent] of data.edges) if (widths.has(child) && widths.has(parent)) g.setEdge(parent, child);
  // a squashed migration sits after what it replaces
  for (const n of data.nodes) for (const r of n.replaces) if (widths.has(r) && !g.hasEdge(r, keyOf(n))) g.setEdge(r, keyOf(n), { weight: 0, minlen: 1 });
  dagre.layout(g);
  const apps = [...data.apps, ...new Set(data.nodes.map((n) => n.app).filter((a) => !data.apps.includes(a)))];
  const nodes: MgNode[] = data.nodes.map((n) => {
    const p = g.node(keyOf(n)) as { x: number };
    const w = widths.get(keyOf(n))!;
    return { key: keyOf(n), node: n, x: MG.labelW + p.x - w / 2, y: 0, w, h: MG.nodeH };
  });
  // rows inside each lane: nodes that overlap horizontally go to separate rows
  const lanes: MgLane[] = [];
  let y = 8;
  for (const app of apps) {
    const inLane = nodes.filter((n) => n.node.app === app).sort((a, b) => a.x - b.x || (a.key < b.key ? -1 : 1));
    const rowEnds: number[] = [];
    const rowOf = new Map<MgNode, number>();
    for (const n of inLane) {
      let r = rowEnds.findIndex((end) => end + 6 <= n.x);
      if (r < 0) {
        r = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[r] = n.x + n.w;
      rowOf.set(n, r);
    }
    const rows = Math.max(1, rowEnds.length);
    const h = rows * MG.nodeH + (rows - 1) * MG.rowGap + 2 * MG.laneGap;
    for (const n of inLane) n.y = y + MG.laneGap + rowOf.get(n)! * (MG.nodeH + MG.rowGap);
    lanes.push({ app, y, h });
    y += h;
  }
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const edges: MgEdge[] = [];
  for (const [child, parent] of data.edges) {
    const a = byKey.get(parent);
    const b = byKey.get(child);
    if (!a || !b) continue;
    edges.push({ key: `${parent}->${child}`, kind: 'dependency', d: pathOf([{ x: a.x + a.w, y: a.y + a.h / 2 }, { x: b.x, y: b.y + b.h / 2 }]) });
  }
  for (const n of nodes) {
    for (const r of n.node.replaces) {
      const t = byKey.get(r);
      if (!t) continue;
      edges.push({ key: `${n.key}~${r}`, kind: 'replaces', d: pathOf([{ x: n.x + n.w / 2, y: n.y }, { x: t.x + t.w / 2, y: t.y + t.h }]) });
    }
  }
  const width = Math.max(300, ...nodes.map((n) => n.x + n.w + 20));
  return { nodes, lanes, edges, width, height: Math.max(60, y + 8) };
}
