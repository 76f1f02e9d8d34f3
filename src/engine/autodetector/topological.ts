/**
 * Python's graphlib.TopologicalSorter, as far as `static_order()` goes: nodes are registered in
 * the order `add` first sees them (as nodes or as predecessors), start in that order when they
 * have no predecessors, and each finished batch releases its successors in the order they were
 * added. The autodetector's operation order within an app is exactly this order.
 */
export class CycleError extends Error {
  constructor(readonly cycle: unknown[]) {
    super('nodes are in a cycle');
  }
}

interface NodeInfo<T> {
  node: T;
  npredecessors: number;
  successors: T[];
}

export class TopologicalSorter<T> {
  private readonly info = new Map<T, NodeInfo<T>>();

  private get(node: T): NodeInfo<T> {
    let i = this.info.get(node);
    if (!i) {
      i = { node, npredecessors: 0, successors: [] };
      this.info.set(node, i);
    }
    return i;
  }

  add(node: T, ...predecessors: T[]): void {
    const ni = this.get(node);
    ni.npredecessors += predecessors.length;
    for (const p of predecessors) this.get(p).successors.push(node);
  }

  staticOrder(): T[] {
    const cycle = this.findCycle();
    if (cycle) throw new CycleError(cycle);
    const remaining = new Map<T, number>();
    for (const [n, i] of this.info) remaining.set(n, i.npredecessors);
    let ready = [...this.info.values()].filter((i) => i.npredecessors === 0).map((i) => i.node);
    const out: T[] = [];
    while (ready.length) {
      const group = ready;
      ready = [];
      out.push(...group);
      for (const node of group) {
        for (const s of this.info.get(node)!.successors) {
          const left = remaining.get(s)! - 1;
          remaining.set(s, left);
          if (left === 0) ready.push(s);
        }
      }
    }
    return out;
  }

  /** graphlib's _find_cycle: a depth-first search over successors. */
  private findCycle(): T[] | null {
    const seen = new Set<T>();
    const stack: T[] = [];
    const itstack: Iterator<T>[] = [];
    const node2stacki = new Map<T, number>();
    for (let node of this.info.keys()) {
      if (seen.has(node)) continue;
      for (;;) {
        if (seen.has(node)) {
          // If we have seen already the node and is in the current stack we have found a cycle.
          const i = node2stacki.get(node);
          if (i !== undefined) return [...stack.slice(i), node];
          // else go on to get next successor
        } else {
          seen.add(node);
          itstack.push(this.info.get(node)!.successors[Symbol.iterator]());
          node2stacki.set(node, stack.length);
          stack.push(node);
        }
        // Backtrack to the topmost stack entry with at least another successor.
        let next: T | undefined;
        while (stack.length) {
          const r = itstack[itstack.length - 1]!.next();
          if (!r.done) {
            next = r.value;
            break;
          }
          node2stacki.delete(stack.pop()!);
          itstack.pop();
        }
        if (next === undefined && !stack.length) break;
        node = next as T;
      }
    }
    return null;
  }
}
