/**
 * The model signals the ORM sends (django.db.models.signals, embedded Python): pre_save and
 * post_save around Model.save_base. A signal is sent only once the learner's code has imported
 * that module: before that, no receiver can be connected.
 */
import { callMethod, type PyValue } from '../python/objects.ts';
import { ormInterpreter } from './runtime.ts';

export function sendModelSignal(name: string, sender: PyValue, named: [string, PyValue][]): void {
  const signals = ormInterpreter()?.modules.get('django.db.models.signals');
  const signal = signals?.dict.get(name);
  if (signal === undefined) return;
  callMethod(signal, 'send', [], new Map<string, PyValue>([['sender', sender], ...named]));
}
