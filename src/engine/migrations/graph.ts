/**
 * The migration graph (django.db.migrations.graph): every migration is a node keyed by
 * (app_label, name), every dependency an edge. Plans, roots, leaves, cycle detection and the
 * rewiring squashed migrations need.
 */
import { PyTuple, pyError, repr } from '../python/objects.ts';
import { PySetOrder, pyHash } from '../python/set-order.ts';
import { CircularDependencyError, NodeNotFoundError } from '../django/exceptions.ts';
import type { Migration } from './migration.ts';
import type { ProjectState } from '../state/project-state.ts';

export type NodeKey = readonly [string, string];

export function keyOf(k: NodeKey): string {
  return `${k[0]}\u0000${k[1]}`;
}

/** Python's repr of a key: ('shop', '0001_initial'). */
export function reprKey(k: NodeKey): string {
  // a key that was not a tuple in the migration file (see Dependency.written) keeps its own repr
  const own = (k as { pyRepr?: string }).pyRepr;
  return own ?? repr(new PyTuple([k[0], k[1]]));
}

function compareKeys(a: NodeKey, b: NodeKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

const keyHash = (k: NodeKey): bigint => pyHash([k[0], k[1]]);
const sameKey = (a: NodeKey, b: NodeKey): boolean => a[0] === b[0] && a[1] === b[1];

class Node {
  readonly children = new Set<Node>();
  readonly parents = new Set<Node>();
  /** `children` as CPython's set of Nodes (hash(node) is hash(key)) orders it, for ensure_not_cyclic. */
  readonly childOrder = new PySetOrder<Node>(
    (n) => keyHash(n.key),
    (a, b) => sameKey(a.key, b.key),
  );
  /** `parents` in CPython's set order (check_consistent_history reports the first unapplied one). */
  readonly parentOrder = new PySetOrder<Node>(
    (n) => keyHash(n.key),
    (a, b) => sameKey(a.key, b.key),
  );
  constructor(readonly key: NodeKey) {}

  addParent(parent: Node): void {
    this.parents.add(parent);
    this.parentOrder.add(parent);
  }

  removeParent(parent: Node): void {
    this.parents.delete(parent);
    this.parentOrder.discard(parent);
  }

  /** Parents in the order Python iterates `node.parents`. */
  orderedParents(): Node[] {
    return this.parentOrder.values();
  }

  addChild(child: Node): void {
    this.children.add(child);
    this.childOrder.add(child);
  }

  removeChild(child: Node): void {
    this.children.delete(child);
    this.childOrder.discard(child);
  }

  /** Children in the order Python iterates `node.children`. */
  orderedChildren(): Node[] {
    return this.childOrder.values();
  }
}

class DummyNode extends Node {
  constructor(
    key: NodeKey,
    readonly origin: Migration,
    readonly errorMessage: string,
  ) {
    super(key);
  }
}

export class MigrationGraph {
  private readonly nodeMap = new Map<string, Node>();
  /** key → migration (null for dummy nodes), in insertion order. */
  readonly nodes = new Map<string, Migration | null>();

  has(key: NodeKey): boolean {
    return this.nodes.has(keyOf(key));
  }

  migration(key: NodeKey): Migration {
    const m = this.nodes.get(keyOf(key));
    if (!m) throw new Error(`no migration ${reprKey(key)}`);
    return m;
  }

  /** Keys of all (real and dummy) nodes. */
  keys(): NodeKey[] {
    return [...this.nodeMap.values()].filter((n) => this.nodes.has(keyOf(n.key))).map((n) => n.key);
  }

  addNode(key: NodeKey, migration: Migration): void {
    this.nodeMap.set(keyOf(key), new Node(key));
    this.nodes.set(keyOf(key), migration);
  }

  private addDummyNode(key: NodeKey, origin: Migration, message: string): void {
    this.nodeMap.set(keyOf(key), new DummyNode(key, origin, message));
    this.nodes.set(keyOf(key), null);
  }

  addDependency(migration: Migration, child: NodeKey, parent: NodeKey, skipValidation = false): void {
    if (!this.nodes.has(keyOf(child))) {
      this.addDummyNode(child, migration, `Migration ${migration.key} dependencies reference nonexistent child node ${reprKey(child)}`);
    }
    if (!this.nodes.has(keyOf(parent))) {
      this.addDummyNode(parent, migration, `Migration ${migration.key} dependencies reference nonexistent parent node ${reprKey(parent)}`);
    }
    const c = this.nodeMap.get(keyOf(child))!;
    const p = this.nodeMap.get(keyOf(parent))!;
    c.addParent(p);
    p.addChild(c);
    if (!skipValidation) this.validateConsistency();
  }

  removeReplacedNodes(replacement: NodeKey, replaced: NodeKey[]): void {
    // `replaced = set(replaced)`: iterated in CPython's set order.
    const replacedSet = new PySetOrder<NodeKey>(keyHash, sameKey);
    for (const k of replaced) replacedSet.add(k);
    const replacedKeys = new Set(replaced.map(keyOf));
    const replacementNode = this.nodeMap.get(keyOf(replacement));
    if (!replacementNode) {
      throw pyError(
        NodeNotFoundError,
        `Unable to find replacement node ${reprKey(replacement)}. It was either never added to the migration graph, or has been removed.`,
      );
    }
    for (const key of replacedSet.values()) {
      const rk = keyOf(key);
      this.nodes.delete(rk);
      const node = this.nodeMap.get(rk);
      this.nodeMap.delete(rk);
      if (!node) continue;
      for (const child of node.orderedChildren()) {
        child.removeParent(node);
        if (!replacedKeys.has(keyOf(child.key))) {
          replacementNode.addChild(child);
          child.addParent(replacementNode);
        }
      }
      for (const parent of node.orderedParents()) {
        parent.removeChild(node);
        if (!replacedKeys.has(keyOf(parent.key))) {
          replacementNode.addParent(parent);
          parent.addChild(replacementNode);
        }
      }
    }
  }

  removeReplacementNode(replacement: NodeKey, replaced: NodeKey[]): void {
    this.nodes.delete(keyOf(replacement));
    const replacementNode = this.nodeMap.get(keyOf(replacement));
    if (!replacementNode) {
      throw pyError(
        NodeNotFoundError,
        `Unable to remove replacement node ${reprKey(replacement)}. It was either never added to the migration graph, or has been removed already.`,
      );
    }
    this.nodeMap.delete(keyOf(replacement));
    const replacedNodes = new PySetOrder<Node>(
      (n) => keyHash(n.key),
      (a, b) => sameKey(a.key, b.key),
    );
    const replacedParents = new Set<Node>();
    for (const k of replaced) {
      const n = this.nodeMap.get(keyOf(k));
      if (n) {
        replacedNodes.add(n);
        for (const p of n.parents) replacedParents.add(p);
      }
    }
    // `replaced_nodes -= replaced_nodes_parents`: only the latest replaced nodes.
    for (const p of replacedParents) replacedNodes.discard(p);
    for (const child of replacementNode.orderedChildren()) {
      child.removeParent(replacementNode);
      for (const rn of replacedNodes.values()) {
        rn.addChild(child);
        child.addParent(rn);
      }
    }
    for (const parent of replacementNode.parents) parent.removeChild(replacementNode);
  }

  validateConsistency(): void {
    for (const n of this.nodeMap.values()) {
      if (n instanceof DummyNode) {
        const err = pyError(NodeNotFoundError, n.errorMessage);
        Object.assign(err, { node: n.key, origin: n.origin });
        throw err;
      }
    }
  }

  forwardsPlan(target: NodeKey): NodeKey[] {
    if (!this.nodes.has(keyOf(target))) throw pyError(NodeNotFoundError, `Node ${reprKey(target)} not a valid node`);
    return this.iterativeDfs(this.nodeMap.get(keyOf(target))!, true);
  }

  backwardsPlan(target: NodeKey): NodeKey[] {
    if (!this.nodes.has(keyOf(target))) throw pyError(NodeNotFoundError, `Node ${reprKey(target)} not a valid node`);
    return this.iterativeDfs(this.nodeMap.get(keyOf(target))!, false);
  }

  private iterativeDfs(start: Node, forwards: boolean): NodeKey[] {
    const visited: NodeKey[] = [];
    const seen = new Set<Node>();
    const stack: [Node, boolean][] = [[start, false]];
    while (stack.length) {
      const [node, processed] = stack.pop()!;
      if (seen.has(node)) continue;
      if (processed) {
        seen.add(node);
        visited.push(node.key);
      } else {
        stack.push([node, true]);
        const next = [...(forwards ? node.parents : node.children)].sort((a, b) => compareKeys(a.key, b.key));
        for (const n of next) stack.push([n, false]);
      }
    }
    return visited;
  }

  /** Nodes with no dependencies inside their app, sorted. */
  rootNodes(app?: string): NodeKey[] {
    const out: NodeKey[] = [];
    for (const k of this.nodes.keys()) {
      const node = this.nodeMap.get(k)!;
      if ([...node.parents].every((p) => p.key[0] !== node.key[0]) && (!app || app === node.key[0])) out.push(node.key);
    }
    return out.sort(compareKeys);
  }

  /** Nodes with no dependents inside their app, sorted. */
  leafNodes(app?: string): NodeKey[] {
    const out: NodeKey[] = [];
    for (const k of this.nodes.keys()) {
      const node = this.nodeMap.get(k)!;
      if ([...node.children].every((c) => c.key[0] !== node.key[0]) && (!app || app === node.key[0])) out.push(node.key);
    }
    return out.sort(compareKeys);
  }

  /** Parent keys of a node (its dependencies), sorted. */
  parentsOf(key: NodeKey): NodeKey[] {
    const n = this.nodeMap.get(keyOf(key));
    return n ? [...n.parents].map((p) => p.key).sort(compareKeys) : [];
  }

  /** Parent keys in CPython's set order (Django iterates `node_map[key].parents`). */
  parentsInSetOrder(key: NodeKey): NodeKey[] {
    const n = this.nodeMap.get(keyOf(key));
    return n ? n.orderedParents().map((p) => p.key) : [];
  }

  childrenOf(key: NodeKey): NodeKey[] {
    const n = this.nodeMap.get(keyOf(key));
    return n ? [...n.children].map((p) => p.key).sort(compareKeys) : [];
  }

  /**
   * CircularDependencyError for the first cycle found, exactly as Django's ensure_not_cyclic
   * (GvR's algorithm) finds it: `todo = set(self.nodes)` popped in CPython's set order, children
   * visited in the order of each node's children set.
   */
  ensureNotCyclic(): void {
    const todo = PySetOrder.fromDictKeys<NodeKey>(
      [...this.nodes.keys()].map((k) => this.nodeMap.get(k)!.key),
      keyHash,
      sameKey,
    );
    while (todo.size) {
      const first = todo.pop();
      const stack: NodeKey[] = [first];
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        let pushed = false;
        for (const child of this.nodeMap.get(keyOf(top))!.orderedChildren()) {
          const idx = stack.findIndex((k) => sameKey(k, child.key));
          if (idx >= 0) {
            const cycle = stack.slice(idx);
            throw pyError(CircularDependencyError, cycle.map((c) => `${c[0]}.${c[1]}`).join(', '));
          }
          if (todo.has(child.key)) {
            stack.push(child.key);
            todo.discard(child.key);
            pushed = true;
            break;
          }
        }
        if (!pushed) stack.pop();
      }
    }
  }

  /** The forwards plans of all `nodes`, merged in order (optionally without the nodes themselves). */
  generatePlan(nodes: NodeKey[], atEnd: boolean): NodeKey[] {
    const plan: NodeKey[] = [];
    const inPlan = new Set<string>();
    const targets = new Set(nodes.map(keyOf));
    for (const node of nodes) {
      for (const m of this.forwardsPlan(node)) {
        const k = keyOf(m);
        if (!inPlan.has(k) && (atEnd || !targets.has(k))) {
          plan.push(m);
          inPlan.add(k);
        }
      }
    }
    return plan;
  }

  /** The ProjectState after (or before, if !atEnd) the given nodes; all leaves by default. */
  makeState(empty: () => ProjectState, nodes?: NodeKey[], atEnd = true): ProjectState {
    nodes ??= this.leafNodes();
    let state = empty();
    if (!nodes.length) return state;
    for (const node of this.generatePlan(nodes, atEnd)) {
      state = this.migration(node).mutateState(state, false);
    }
    return state;
  }
}
