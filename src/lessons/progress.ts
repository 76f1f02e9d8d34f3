/**
 * The progress model: per lesson, the steps completed, the learner's files and when they last
 * worked on it; persisted by a ProgressStore (localStorage in the browser, memory in tests).
 */

export interface LessonProgress {
  lessonId: string;
  /** Ids of the completed steps, in the order they were completed. */
  completed: string[];
  /** Steps completed with "Solve step" (shown differently in the course map). */
  solved: string[];
  /** The project files as the learner left them (restored when they come back). */
  files?: Record<string, string>;
  /** The step the learner was looking at. */
  viewing?: string;
  updatedAt: number;
}

export interface ProgressStore {
  get(lessonId: string): LessonProgress | undefined;
  put(progress: LessonProgress): void;
  remove(lessonId: string): void;
  all(): LessonProgress[];
}

export function emptyProgress(lessonId: string): LessonProgress {
  return { lessonId, completed: [], solved: [], updatedAt: 0 };
}

export class MemoryProgressStore implements ProgressStore {
  private readonly map = new Map<string, LessonProgress>();
  get(id: string): LessonProgress | undefined {
    const p = this.map.get(id);
    return p ? structuredClone(p) : undefined;
  }
  put(p: LessonProgress): void {
    this.map.set(p.lessonId, structuredClone(p));
  }
  remove(id: string): void {
    this.map.delete(id);
  }
  all(): LessonProgress[] {
    return [...this.map.values()].map((p) => structuredClone(p));
  }
}

interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'dml.lesson.';

/** Progress in Web Storage, one key per lesson (`dml.lesson.<id>`). */
export class WebStorageProgressStore implements ProgressStore {
  constructor(private readonly storage: KeyValueStorage) {}

  static browser(): ProgressStore {
    try {
      if (typeof localStorage !== 'undefined') return new WebStorageProgressStore(localStorage);
    } catch {
      // storage disabled (private mode): progress lives as long as the page
    }
    return new MemoryProgressStore();
  }

  get(id: string): LessonProgress | undefined {
    try {
      const raw = this.storage.getItem(PREFIX + id);
      if (!raw) return undefined;
      const p = JSON.parse(raw) as Partial<LessonProgress>;
      if (!p || !Array.isArray(p.completed)) return undefined;
      return { ...emptyProgress(id), ...p, lessonId: id, solved: Array.isArray(p.solved) ? p.solved : [] };
    } catch {
      return undefined;
    }
  }

  put(p: LessonProgress): void {
    try {
      this.storage.setItem(PREFIX + p.lessonId, JSON.stringify(p));
    } catch {
      // quota exceeded: keep the ticks, drop the files
      try {
        const { files: _files, ...rest } = p;
        this.storage.setItem(PREFIX + p.lessonId, JSON.stringify(rest));
      } catch {
        // nothing more to do
      }
    }
  }

  remove(id: string): void {
    this.storage.removeItem(PREFIX + id);
  }

  all(): LessonProgress[] {
    const out: LessonProgress[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(PREFIX)) {
        const p = this.get(k.slice(PREFIX.length));
        if (p) out.push(p);
      }
    }
    return out;
  }
}
