/**
 * The migration optimizer (django.db.migrations.optimizer.MigrationOptimizer).
 *
 * Each operation is compared with every operation after it through `Operation.reduce`: a list
 * means "replace both with these", `true` means "the later one may be moved across this one",
 * `false` blocks. A match is merged on the right (in-between operations stay before the result)
 * when nothing blocked so far, else on the left when every in-between operation can be moved
 * across the later one. The pass restarts after every merge and the whole thing repeats until a
 * pass changes nothing — exactly Django's algorithm, so the same operations come out in the same
 * order.
 */
import type { Operation } from '../operations/base.ts';

export class MigrationOptimizer {
  /** Number of outer passes the last `optimize` call made (Django's `_iterations`). */
  iterations = 0;

  optimize(operations: readonly Operation[], appLabel: string): Operation[] {
    if (appLabel === null || appLabel === undefined) throw new TypeError('app_label must be a str.');
    this.iterations = 0;
    let current = [...operations];
    for (;;) {
      const result = this.optimizeInner(current, appLabel);
      this.iterations++;
      // Operations compare by identity (Django's Operation has no __eq__).
      if (result.length === current.length && result.every((op, i) => op === current[i])) return result;
      current = result;
    }
  }

  optimizeInner(operations: readonly Operation[], appLabel: string): Operation[] {
    const out: Operation[] = [];
    for (let i = 0; i < operations.length; i++) {
      const operation = operations[i]!;
      let right = true;
      let broke = false;
      for (let j = i + 1; j < operations.length; j++) {
        const other = operations[j]!;
        const result = operation.reduce(other, appLabel);
        if (Array.isArray(result)) {
          const between = operations.slice(i + 1, j);
          if (right) {
            out.push(...between, ...result);
          } else if (between.every((op) => op.reduce(other, appLabel) === true)) {
            // Left reduction: every in-between operation can move across `other`.
            out.push(...result, ...between);
          } else {
            // Otherwise keep trying with the next operation.
            out.push(operation);
            broke = true;
            break;
          }
          out.push(...operations.slice(j + 1));
          return out;
        } else if (!result) {
          right = false;
        }
      }
      if (!broke) out.push(operation);
    }
    return out;
  }
}
