/**
 * The model signals the ORM sends (django.db.models.signals, embedded Python): pre_save and
 * post_save around Model.save_base, pre_delete and post_delete around Collector.delete. A signal
 * is sent only once the learner's code has imported that module: before that, no receiver can be
 * connected.
 */
import { callMethod, type PyValue, truthy } from '../python/objects.ts';
import { ormInterpreter } from './runtime.ts';

export function sendModelSignal(name: string, sender: PyValue, named: [string, PyValue][]): void {
  const signals = ormInterpreter()?.modules.get('django.db.models.signals');
  const signal = signals?.dict.get(name);
  if (signal === undefined) return;
  callMethod(signal, 'send', [], new Map<string, PyValue>([['sender', sender], ...named]));
}

/** `Collector._has_signal_listeners`: receivers of pre_delete or post_delete for this model class. */
export function hasDeleteListeners(sender: PyValue): boolean {
  const signals = ormInterpreter()?.modules.get('django.db.models.signals');
  if (!signals) return false;
  return ['pre_delete', 'post_delete'].some((name) => {
    const signal = signals.dict.get(name);
    return signal !== undefined && truthy(callMethod(signal, 'has_listeners', [sender]));
  });
}
