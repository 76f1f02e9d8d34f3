import { describe, expect, test } from 'vitest';
import { MigrationAutodetector } from '../../../src/engine/autodetector/autodetector.ts';
import { TopologicalSorter } from '../../../src/engine/autodetector/topological.ts';
import { MigrationGraph } from '../../../src/engine/migrations/graph.ts';
import { DeconstructibleObject, nativeClass } from '../../../src/engine/state/expressions.ts';
import { apply, char, detect, graphOf, model, ops, state, summary } from './helpers.ts';

class FakeManager extends DeconstructibleObject {}
const ManagerClass = nativeClass('PublishedManager', 'blog.models', (cls, args, kwargs) => new FakeManager(cls, args, kwargs));
const manager = () => new FakeManager(ManagerClass, [], new Map());

describe('managers', () => {
  test('CreateModel carries managers; a change is AlterModelManagers', async () => {
    const graph = new MigrationGraph();
    const c1 = await detect(state(['blog']), state(['blog'], model('blog', 'Post', [['title', char(10)]], {}, [], [['published', manager()]])), { graph });
    expect(ops(c1.get('blog')![0]!.operations)[0]).toContain("managers=[('published', PublishedManager())]");
    const h = apply(state(['blog']), c1, graph);
    expect((await detect(h, state(['blog'], model('blog', 'Post', [['title', char(10)]], {}, [], [['published', manager()]])), { graph })).size).toBe(0);
    const c2 = await detect(h, state(['blog'], model('blog', 'Post', [['title', char(10)]], {}, [], [['objects', manager()], ['published', manager()]])), { graph });
    expect(summary(c2)).toEqual({ blog: [{ name: '0002_alter_post_managers', initial: false, deps: ['blog.0001_initial'], ops: ['Change managers on post'] }] });
  });
});

describe('naming', () => {
  test('parse_number', () => {
    expect(MigrationAutodetector.parseNumber('0001_initial')).toBe(1);
    expect(MigrationAutodetector.parseNumber('0042_x')).toBe(42);
    expect(MigrationAutodetector.parseNumber('0001_squashed_0004_auto')).toBe(4);
    expect(MigrationAutodetector.parseNumber('initial')).toBe(null);
  });

  test('numbering continues after the leaf (squashed leaves count their last number)', async () => {
    const graph = graphOf('blog.0001_squashed_0004_auto');
    const from = state(['blog'], model('blog', 'Post', [['title', char(10)]]));
    const c = await detect(from, state(['blog'], model('blog', 'Post', [['title', char(20)]])), { graph });
    expect(summary(c).blog![0]).toMatchObject({ name: '0005_alter_post_title', deps: ['blog.0001_squashed_0004_auto'] });
  });

  test('--name applies to every migration of the run', async () => {
    const c = await detect(
      state(['a', 'b']),
      state(['a', 'b'], model('a', 'A', [['b', (await import('./helpers.ts')).fk('b.b')]]), model('b', 'B', [['a', (await import('./helpers.ts')).fk('a.a')]])),
      { migrationName: 'custom' },
    );
    expect([...c].map(([app, ms]) => [app, ms.map((m) => m.name)])).toEqual([
      ['a', ['0001_custom', '0002_custom']],
      ['b', ['0001_custom']],
    ]);
  });

  test('operations without a name fragment give auto_<timestamp>; long names get _and_more', async () => {
    const graph = graphOf('blog.0001_initial');
    const from = state(['blog'], model('blog', 'Post', [['title', char(10)]]));
    const many = state(
      ['blog'],
      model('blog', 'Post', [['title', char(10)], ['subtitle_number_one', char(5)], ['subtitle_number_two', char(5)], ['subtitle_number_three', char(5)]]),
    );
    const c = await detect(from, many, { graph });
    expect(c.get('blog')![0]!.name).toBe('0002_post_subtitle_number_one_post_subtitle_number_three_and_more');
  });
});

describe('TopologicalSorter (graphlib order)', () => {
  test('registration order, batches, successors in insertion order', () => {
    const ts = new TopologicalSorter<string>();
    ts.add('A');
    ts.add('B');
    ts.add('B', 'D'); // D registered after B
    ts.add('C');
    ts.add('D');
    ts.add('E', 'A', 'A');
    expect(ts.staticOrder()).toEqual(['A', 'D', 'C', 'E', 'B']); // as Python's graphlib gives
  });
  test('cycles raise', () => {
    const ts = new TopologicalSorter<string>();
    ts.add('A', 'B');
    ts.add('B', 'A');
    expect(() => ts.staticOrder()).toThrow('nodes are in a cycle');
  });
});
