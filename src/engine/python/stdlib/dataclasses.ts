/**
 * The `dataclasses` module, written in Python and run by the interpreter like CPython's own:
 * `@dataclass` (init, repr, eq, order, frozen, unsafe_hash, kw_only, match_args), `field()`,
 * `fields()`, `asdict()`, `astuple()`, `replace()`, `is_dataclass()`, `make_dataclass()` is not
 * provided. The generated methods are made with exec() so their signatures, and therefore their
 * TypeErrors (`Line.__init__() missing 1 required positional argument: 'sku'`), are CPython's.
 */
import type { Interpreter } from '../interpreter.ts';
import type { PyModule } from '../objects.ts';

const SOURCE = String.raw`
import copy as _copy

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'replace', 'is_dataclass']


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class _KwOnlyType:
    pass


KW_ONLY = _KwOnlyType()


class FrozenInstanceError(AttributeError):
    pass


class InitVar:
    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ('Field(name=' + repr(self.name) + ',type=' + repr(self.type) + ',default=' + repr(self.default)
                + ',default_factory=' + repr(self.default_factory) + ',init=' + repr(self.init) + ',repr=' + repr(self.repr)
                + ',hash=' + repr(self.hash) + ',compare=' + repr(self.compare) + ',metadata=' + repr(self.metadata)
                + ',kw_only=' + repr(self.kw_only) + ',_field_type=_FIELD)')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _make(cls, name, args, body, env):
    names = sorted(env)
    text = 'def __make__(' + ', '.join(names) + '):\n'
    text += ' def ' + name + '(' + ', '.join(args) + '):\n'
    text += ''.join('  ' + line + '\n' for line in (body or ['pass']))
    text += ' return ' + name + '\n'
    space = {}
    exec(text, {'MISSING': MISSING, 'FrozenInstanceError': FrozenInstanceError}, space)
    fn = space['__make__'](**env)
    fn.__qualname__ = cls.__qualname__ + '.' + name
    return fn


def _own_fields(cls, kw_only):
    annotations = cls.__dict__.get('__annotations__', {})
    found = []
    kw = kw_only
    for name, tp in annotations.items():
        if tp is KW_ONLY or (isinstance(tp, str) and tp.endswith('KW_ONLY')):
            kw = True
            continue
        if tp is InitVar or isinstance(tp, InitVar) or _is_classvar(tp):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            if isinstance(default, (list, dict, set)):
                raise ValueError('mutable default ' + str(type(default)) + ' for field ' + name
                                 + ' is not allowed: use default_factory')
            f = field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        found.append(f)
    return found


def _is_classvar(tp):
    text = tp if isinstance(tp, str) else repr_(tp)
    return text.startswith('typing.ClassVar') or text.startswith('ClassVar')


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        inherited = base.__dict__.get('__dataclass_fields__')
        if inherited:
            for f in inherited.values():
                all_fields[f.name] = f
    for f in _own_fields(cls, kw_only):
        all_fields[f.name] = f
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = (init, repr, eq, order, unsafe_hash, frozen)
    flds = list(all_fields.values())

    if init:
        positional = [f for f in flds if f.init and not f.kw_only]
        keyword = [f for f in flds if f.init and f.kw_only]
        seen_default = False
        for f in positional:
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = True
            elif seen_default:
                raise TypeError("non-default argument '" + f.name + "' follows default argument")
        env = {}
        args = ['self']

        def param(f):
            if f.default is not MISSING:
                env['_dflt_' + f.name] = f.default
                return f.name + '=_dflt_' + f.name
            if f.default_factory is not MISSING:
                return f.name + '=MISSING'
            return f.name

        args += [param(f) for f in positional]
        if keyword:
            args += ['*'] + [param(f) for f in keyword]
        body = []
        for f in flds:
            if f.default_factory is not MISSING:
                env['_fact_' + f.name] = f.default_factory
                if f.init:
                    value = '_fact_' + f.name + '() if ' + f.name + ' is MISSING else ' + f.name
                else:
                    value = '_fact_' + f.name + '()'
            elif f.init:
                value = f.name
            else:
                continue
            if frozen:
                body.append('object.__setattr__(self, ' + repr_(f.name) + ', ' + value + ')')
            else:
                body.append('self.' + f.name + ' = ' + value)
        if hasattr(cls, '__post_init__'):
            body.append('self.__post_init__()')
        cls.__init__ = _make(cls, '__init__', args, body, env)

    if repr:
        shown = [f.name for f in flds if f.repr]
        parts = '", ".join([' + ', '.join(repr_(n) + ' + "=" + repr(self.' + n + ')' for n in shown) + '])'
        body = ['return self.__class__.__qualname__ + "(" + ' + (parts if shown else '""') + ' + ")"']
        cls.__repr__ = _make(cls, '__repr__', ['self'], body, {})

    compared = [f.name for f in flds if f.compare]
    as_tuple = '(' + ''.join('self.' + n + ',' for n in compared) + ')'
    other_tuple = '(' + ''.join('other.' + n + ',' for n in compared) + ')'
    if eq:
        body = ['if other.__class__ is self.__class__:',
                '    return ' + as_tuple + ' == ' + other_tuple,
                'return NotImplemented']
        cls.__eq__ = _make(cls, '__eq__', ['self', 'other'], body, {})
    if order:
        for name, op in (('__lt__', '<'), ('__le__', '<='), ('__gt__', '>'), ('__ge__', '>=')):
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute ' + name + ' in class ' + cls.__name__
                                + '. Consider using functools.total_ordering')
            body = ['if other.__class__ is self.__class__:',
                    '    return ' + as_tuple + ' ' + op + ' ' + other_tuple,
                    'return NotImplemented']
            setattr(cls, name, _make(cls, name, ['self', 'other'], body, {}))
    if frozen:
        env = {'cls': cls}
        names = '(' + ''.join(repr_(f.name) + ',' for f in flds) + ')'
        for name, args, verb in (('__setattr__', ['self', 'name', 'value'], 'assign to'), ('__delattr__', ['self', 'name'], 'delete')):
            body = ['if type(self) is cls or name in ' + names + ':',
                    '    raise FrozenInstanceError("cannot ' + verb + ' field " + repr(name))',
                    'super(cls, self).' + name + '(' + ', '.join(args[1:]) + ')']
            setattr(cls, name, _make(cls, name, args, body, env))
    has_own_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    if unsafe_hash or (eq and frozen):
        hashed = [f.name for f in flds if (f.compare if f.hash is None else f.hash)]
        body = ['return hash((' + ''.join('self.' + n + ',' for n in hashed) + '))']
        cls.__hash__ = _make(cls, '__hash__', ['self'], body, {})
    elif eq and not has_own_hash:
        cls.__hash__ = None
    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in flds if f.init and not f.kw_only)
    return cls


repr_ = repr


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    def wrap(cls):
        return _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        found = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(found.values())


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def _to_plain(obj, factory):
    if _is_instance(obj):
        return factory([(f.name, _to_plain(getattr(obj, f.name), factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_to_plain(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_plain(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_to_plain(k, factory), _to_plain(v, factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    if not _is_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _to_plain(obj, dict_factory)


def _to_tuple(obj):
    if _is_instance(obj):
        return tuple(_to_tuple(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(_to_tuple(v) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_to_tuple(k), _to_tuple(v)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return tuple_factory(_to_tuple(obj))


def replace(obj, /, **changes):
    if not _is_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError('field ' + f.name + ' is declared with init=False, it cannot be specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
`;

export function makeDataclassesModule(interp: Interpreter): PyModule {
  return interp.execModule('dataclasses', SOURCE, '/usr/lib/python3.11/dataclasses.py');
}
