/**
 * `django.dispatch` and `django.db.models.signals` as embedded Python sources: Signal objects with
 * connect/disconnect/send/send_robust and the @receiver decorator, so a learner's signals.py
 * imported from AppConfig.ready() loads and its receivers get connected. The ORM sends pre_save,
 * post_save, pre_delete and post_delete (orm/signals.ts); not yet pre_init/post_init and
 * m2m_changed, nor the signals of django_migrations rows and of the contrib apps' post_migrate
 * handlers.
 */
export const DISPATCH_FILES: Record<string, string> = {
  'django/dispatch/__init__.py': `from django.dispatch.dispatcher import Signal, receiver

__all__ = ["Signal", "receiver"]
`,
  'django/dispatch/dispatcher.py': `class Signal:
    """Receivers connected for a sender (None: any sender), called by send()."""

    def __init__(self, use_caching=False):
        self.receivers = []

    def _key(self, receiver, dispatch_uid):
        return dispatch_uid if dispatch_uid is not None else id(receiver)

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None):
        if not callable(receiver):
            raise TypeError("Signal receivers must be callable.")
        key = self._key(receiver, dispatch_uid)
        for k, s, _ in self.receivers:
            if k == key and s is sender:
                return
        self.receivers.append((key, sender, receiver))

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        key = self._key(receiver, dispatch_uid)
        for index, (k, s, _) in enumerate(self.receivers):
            if k == key and s is sender:
                del self.receivers[index]
                return True
        return False

    def _live_receivers(self, sender):
        return [r for _, s, r in self.receivers if s is None or s is sender]

    def has_listeners(self, sender=None):
        return bool(self._live_receivers(sender))

    def send(self, sender, **named):
        return [(r, r(signal=self, sender=sender, **named)) for r in self._live_receivers(sender)]

    def send_robust(self, sender, **named):
        responses = []
        for r in self._live_receivers(sender):
            try:
                responses.append((r, r(signal=self, sender=sender, **named)))
            except Exception as err:
                responses.append((r, err))
        return responses


def receiver(signal, **kwargs):
    def _decorator(func):
        if isinstance(signal, (list, tuple)):
            for s in signal:
                s.connect(func, **kwargs)
        else:
            signal.connect(func, **kwargs)
        return func

    return _decorator
`,
  'django/db/models/signals.py': `from django.dispatch import Signal


class ModelSignal(Signal):
    # a signal whose sender may be given as a model label ('app_label.ModelName')

    def _model(self, sender):
        if isinstance(sender, str):
            from django.apps import apps

            return apps.get_model(sender)
        return sender

    def connect(self, receiver, sender=None, weak=True, dispatch_uid=None, apps=None):
        super().connect(receiver, self._model(sender), weak, dispatch_uid)

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None, apps=None):
        return super().disconnect(receiver, self._model(sender), dispatch_uid)


class_prepared = Signal()
pre_init = ModelSignal(use_caching=True)
post_init = ModelSignal(use_caching=True)
pre_save = ModelSignal(use_caching=True)
post_save = ModelSignal(use_caching=True)
pre_delete = ModelSignal(use_caching=True)
post_delete = ModelSignal(use_caching=True)
m2m_changed = ModelSignal(use_caching=True)
pre_migrate = Signal()
post_migrate = Signal()
`,

};
