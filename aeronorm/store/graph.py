"""An object graph as flat arrays, and back, creating only the classes an allow-list names.

A normalizer's tables are plain Python objects: dicts, sets, tuples, strings, numbers, and
instances of aeronorm's own classes (:class:`~aeronorm.lexicon.Tok`, the stages' tables, the
trie). :func:`encode` walks them from a root and writes every object once, grouped by kind: all
strings in one UTF-8 blob, all integers in one array, each container as its size and the
positions of its items in one array of references, each instance as its class, its attribute
names and their values. :func:`decode` rebuilds the same graph: equal values, the same sharing
of every mutable object. It runs no constructor, no ``__setstate__``, no import and nothing the
data names: it creates builtin containers and empty instances of the classes ``allowed``
accepts among those already imported, and sets their attributes. The few foreign objects a
table holds (jieba's tokenizer: its word frequencies; locks) go through adapters of this module.

Order of rebuilding: leaves first (strings, numbers, classes), then an empty *shell* of every
mutable object (lists, dicts, sets, instances), then, level by level, the immutable containers
and the contents of the shells. An object's level is one more than the highest level of what it
holds, so an object used as a dict key or a set member is complete before it is hashed; a
reference that closes a cycle points to a shell.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import struct
import sys
import threading
import types
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from ..caching import BoundedCache, BuildOnce, paused_gc
from ..errors import SavedIndexError

__all__ = ["Encoded", "decode", "encode"]

# Node kinds. Leaves, made from their values first:
_STR, _INT, _FLOAT, _CONST, _BIGINT, _BYTES, _CLASS, _FUNC, _MEMO = range(9)
# Shells, made empty and filled at their level:
_LIST, _SET, _DICT, _DEFAULTDICT, _OBJECT = range(9, 14)
# Made at their level from their parts:
_TUPLE, _FROZENSET, _ENUM, _METHOD, _BUILT, _ADAPTED = range(14, 20)

_DEAD = 255  # a node found equal to an earlier one: never written

_SHELLS = frozenset((_LIST, _SET, _DICT, _DEFAULTDICT, _OBJECT))
_FIXED = frozenset((_ENUM, _METHOD, _BUILT, _ADAPTED, _OBJECT))  # parts known by kind: no size kept
_CONSTANTS: tuple[Any, ...] = (None, True, False, Ellipsis)
# Builtin classes a graph may name (a defaultdict's factory, a class held as a value).
_BUILTIN_CLASSES = {c.__name__: c for c in (set, list, dict, int, float, str, tuple, frozenset, bool, bytes)}
_BUILTIN_VALUES = (str, int, float, tuple, list, dict, set, frozenset, bytes)
_MISSING = object()
#: Types of the leaves :meth:`_Encoder.leaf` makes besides strings and ints (any other object is none).
_OTHER_LEAVES = frozenset((float, bool, type(None), type(Ellipsis)))
_KEYS = object()  # a dict's parts: its keys (hashed) and values, one after the other
_OPEN = 0xFFFFFFFF
_TAG = struct.Struct("<BI")  # an immutable value's kind and shape, after its parts (see _Encoder.walk)
_CHUNK = 1 << 16
_SEPARATORS = ("\x1f", "\x1e", "\x1d", "\x1c", "\x00", "\ufdd0", "\ufdd1", "\U0010fffe")


@dataclass
class Encoded:
    """A graph as arrays: what :func:`decode` reads (the sections of a saved index)."""

    plan: bytes  # JSON: the classes named, the groups in order, the named nodes
    strings: bytes  # UTF-8 of every string, one after the other
    string_sizes: array  # length of each string, in code points
    ints: array  # int64
    floats: array  # float64
    refs: array  # uint32: the parts of every group, in order
    sizes: array  # uint32: the size of every container of variable size, in order
    # every bytes object, one after the other, and the size of each (they were hex in the plan:
    # at 100,000 entities 40 MB of JSON to parse, twice the bytes, at a load's peak)
    blobs: bytes = b""
    blob_sizes: array = dataclasses.field(default_factory=lambda: array("Q"))

    def sections(self) -> dict[str, bytes]:
        """Named sections, arrays little-endian."""
        return {"plan": self.plan, "strings": self.strings, "string_sizes": _le(self.string_sizes),
                "ints": _le(self.ints), "floats": _le(self.floats), "refs": _le(self.refs),
                "sizes": _le(self.sizes), "bytes": self.blobs, "byte_sizes": _le(self.blob_sizes)}

    @classmethod
    def of(cls, sections: dict[str, Any]) -> Encoded:
        """What :meth:`sections` wrote."""
        return cls(bytes(sections["plan"]), bytes(sections["strings"]), _array("I", sections["string_sizes"]),
                   _array("q", sections["ints"]), _array("d", sections["floats"]),
                   _array("I", sections["refs"]), _array("I", sections["sizes"]),
                   bytes(sections["bytes"]), _array("Q", sections["byte_sizes"]))


def _le(a: array) -> bytes:
    if sys.byteorder == "big":  # the file is little-endian on every machine
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _array(typecode: str, data: Any) -> array:
    a = array(typecode)
    if len(data) % a.itemsize:
        raise SavedIndexError(f"a section of {len(data)} bytes does not hold whole {typecode!r} items")
    a.frombytes(data)
    if sys.byteorder == "big":
        a.byteswap()
    return a


# -- what may be saved and created ------------------------------------------------------------------
def _ref(obj: Any) -> str:
    """``module:qualname`` of a class or function."""
    return f"{obj.__module__}:{obj.__qualname__}"


def _resolve(ref: str, allowed: Callable[[str], bool]) -> Any:
    """The class or function ``ref`` names, among the modules already imported; never imports."""
    module, _, qualname = ref.partition(":")
    if module == "builtins" and qualname in _BUILTIN_CLASSES:
        return _BUILTIN_CLASSES[qualname]
    if not allowed(module) or not qualname or "<" in qualname:
        raise SavedIndexError(f"the index names {ref!r}, which an index may not hold")
    found: Any = sys.modules.get(module)
    for part in qualname.split("."):
        found = None if part.startswith("__") else getattr(found, part, None)
    if found is None or getattr(found, "__module__", None) != module or found.__qualname__ != qualname:
        raise SavedIndexError(f"the index names {ref!r}, which this aeronorm does not have")
    return found


def _jieba_state(tokenizer: Any) -> Any:
    dictionary = tokenizer.dictionary if isinstance(tokenizer.dictionary, str) else None
    return {"FREQ": tokenizer.FREQ, "total": tokenizer.total, "dictionary": dictionary,
            "user_word_tag_tab": tokenizer.user_word_tag_tab}


def _jieba_from(state: dict[str, Any]) -> Any:
    import jieba

    tokenizer = jieba.Tokenizer()
    # A loaded jieba tokenizer is its prefix dictionary (every word and every prefix of one, a
    # prefix at frequency 0), their total and the user words' tags: initialize() makes nothing else.
    tokenizer.FREQ = state["FREQ"]
    tokenizer.total = state["total"]
    tokenizer.user_word_tag_tab = state["user_word_tag_tab"]
    tokenizer.dictionary = state["dictionary"]
    tokenizer.initialized = True
    return tokenizer


#: Foreign objects a table may hold: (their state, the object rebuilt from that state).
_ADAPTERS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "jieba:Tokenizer": (_jieba_state, _jieba_from),
    "_thread:RLock": (lambda _: None, lambda _: threading.RLock()),
    "_thread:lock": (lambda _: None, lambda _: threading.Lock()),
}


# -- encoding ---------------------------------------------------------------------------------------
class _Encoder:
    """Numbers every object reachable from a root, children before parents."""

    def __init__(self, allowed: Callable[[str], bool], omit: set[int]):
        self.allowed = allowed
        self.omit = omit
        self.kinds = bytearray()
        self.meta: list[Any] = []  # per node: its value (leaves), class, attribute names, method name
        self.first = array("Q")  # per node: where its parts start in self.parts_
        self.count = array("I")  # per node: how many parts (_OPEN while it is walked)
        self.parts_ = array("I")
        self.level = array("I")
        self.strings: dict[str, int] = {}
        self.leaf_ids: dict[tuple[type, Any], int] = {}  # floats and constants
        self.int_ids: dict[int, int] = {}  # ints (exactly: a bool is a constant)
        self.object_ids: dict[int, int] = {}
        self.values: dict[bytes, int] = {}  # immutable values, by what they hold (see walk)
        self.shape_ids: dict[Any, int] = {}  # an immutable value's meta (None, a class and shape) -> a number
        self.frozen: dict[type, bool] = {}
        self.alive: list[Any] = []  # what was made for the walk (adapter states), alive while ids are keys
        self.slots: dict[type, tuple[str, ...]] = {}
        self.shapes: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
        self.plain: dict[type, bool] = {}  # per class: whether its instances may be saved as objects
        # per class of instances saved as objects: its reference and its slots (worked out once,
        # not for each of a million instances)
        self.instance_types: dict[type, tuple[str, tuple[str, ...]]] = {}

    def _new(self, kind: int, meta: Any) -> int:
        nid = len(self.kinds)
        self.kinds.append(kind)
        self.meta.append(meta)
        if nid >= len(self.level):  # the per-node arrays grow by chunks
            for a in (self.first, self.count, self.level):
                a.frombytes(bytes(a.itemsize * _CHUNK))
        return nid

    def leaf(self, obj: Any) -> int | None:
        """The node of a leaf value, made if new; ``None`` when ``obj`` is no leaf."""
        t = type(obj)
        if t is str:
            nid = self.strings.get(obj)
            if nid is None:
                nid = self.strings[obj] = self._new(_STR, obj)
            return nid
        if t is int:
            nid = self.int_ids.get(obj)
            if nid is None:
                big = not -(1 << 63) <= obj < (1 << 63)
                nid = self.int_ids[obj] = self._new(_BIGINT if big else _INT, str(obj) if big else obj)
            return nid
        if t is float or obj is None or obj is True or obj is False or obj is Ellipsis:
            key = (t, obj.hex() if t is float and not math.isnan(obj) else obj if t is not float else "nan")
            nid = self.leaf_ids.get(key)
            if nid is None:
                if t is float:
                    nid = self._new(_FLOAT, obj)
                else:
                    nid = self._new(_CONST, next(k for k, c in enumerate(_CONSTANTS) if c is obj))
                self.leaf_ids[key] = nid
            return nid
        return None

    def parts(self, obj: Any) -> tuple[int, Any, list[Any], Any, tuple[str, ...] | None]:
        """(kind, meta, parts, whether the parts are hashed (``_KEYS``: every other one), attribute
        names) of an object."""
        t = type(obj)
        known = self.instance_types.get(t)
        if known is not None:  # an instance of a class met before (most objects)
            return self._instance(obj, *known)
        if t is tuple:
            return _TUPLE, None, obj, False, None  # (read, never changed: no copy)
        if t is list:
            return _LIST, None, list(obj), False, None
        if t is dict:
            return _DICT, None, list(chain.from_iterable(obj.items())), _KEYS, None
        if t is set:
            return _SET, None, list(obj), True, None
        if t is frozenset:
            return _FROZENSET, None, list(obj), True, None
        if t is bytes:
            return _BYTES, obj, [], False, None
        if t is defaultdict:
            factory = obj.default_factory
            ref = None if factory is None else self.class_ref(factory)
            return _DEFAULTDICT, ref, list(chain.from_iterable(obj.items())), _KEYS, None
        if t is BuildOnce:
            return _BUILT, None, [obj.get()], False, None  # every table is saved built
        if t is BoundedCache:  # a memo travels empty
            return _MEMO, [obj.max_entries, obj.max_chars, obj.max_key_chars], [], False, None
        if isinstance(obj, enum.Enum):
            return _ENUM, self.class_ref(t), [obj.value], False, None
        if t is types.MethodType:
            func, name = obj.__func__, obj.__func__.__name__
            owned = getattr(type(obj.__self__), name, None) is func
            if name.startswith("__") or not owned or not self.allowed(getattr(func, "__module__", "")):
                raise SavedIndexError(f"cannot save the method {func.__qualname__}")
            return _METHOD, name, [obj.__self__], False, None
        if isinstance(obj, type):
            return _CLASS, self.class_ref(obj), [], False, None
        if t is types.FunctionType:
            return _FUNC, self.class_ref(obj), [], False, None
        ref = _ref(t)
        adapter = _ADAPTERS.get(ref)
        if adapter is not None:
            state = adapter[0](obj)
            self.alive.append(state)
            return _ADAPTED, ref, [state], False, None
        plain = self.plain.get(t)
        if plain is None:
            plain = self.plain[t] = (t.__new__ is object.__new__ and not issubclass(t, _BUILTIN_VALUES)
                                     and self.allowed(t.__module__))
        if not plain:
            raise SavedIndexError(f"cannot save an object of {t.__module__}.{t.__qualname__}")
        known = self.instance_types[t] = (ref, self.slot_names(t))
        return self._instance(obj, *known)

    def _instance(self, obj: Any, ref: str, slots: tuple[str, ...]
                  ) -> tuple[int, Any, list[Any], Any, tuple[str, ...] | None]:
        """:meth:`parts` of an instance saved as an object: its attributes, slots first."""
        values = {}
        for name in slots:
            value = getattr(obj, name, _MISSING)
            if value is not _MISSING:
                values[name] = value
        if hasattr(obj, "__dict__"):
            values.update(vars(obj))
        meta = (ref, tuple(values))
        meta = self.shapes.setdefault(meta, meta)  # one tuple per class and shape, not per object
        return _OBJECT, meta, list(values.values()), False, meta[1]

    def class_ref(self, obj: Any) -> str:
        if isinstance(obj, type) and _BUILTIN_CLASSES.get(obj.__name__) is obj:
            return f"builtins:{obj.__name__}"
        if not self.allowed(getattr(obj, "__module__", "")) or "<" in obj.__qualname__:
            raise SavedIndexError(f"cannot save a reference to {obj.__module__}.{obj.__qualname__}")
        return _ref(obj)

    def slot_names(self, t: type) -> tuple[str, ...]:
        found = self.slots.get(t)
        if found is None:
            names: list[str] = []
            for cls in reversed(t.__mro__):
                slots = cls.__dict__.get("__slots__", ())
                for name in (slots,) if isinstance(slots, str) else slots:
                    if name not in ("__dict__", "__weakref__") and name not in names:
                        names.append(name)
            found = self.slots[t] = tuple(names)
        return found

    def walk(self, root: Any) -> int:
        """Number everything reachable from ``root``; its node."""
        top = self.leaf(root)
        if top is not None:
            return top
        # a frame: [node, parts, their nodes so far, hashed, attribute names, cycle-closing
        # parts (None while there is none), id, type, whether a part is no leaf] (see enter)
        stack: list[list[Any]] = []
        top = self.enter(root, stack)
        count, level, kinds = self.count, self.level, self.kinds
        strings, object_ids, omit, leaf = self.strings, self.object_ids, self.omit, self.leaf
        int_ids, other_leaves, frozen = self.int_ids, _OTHER_LEAVES, self.frozen
        while stack:
            frame = stack[-1]
            nid, items, done = frame[0], frame[1], frame[2]
            entered = False
            # resumed where it stopped (a slice of what is left at each resumption would be
            # quadratic in a list of many objects)
            k, end = len(done), len(items)
            while k < end:
                child = items[k]
                k += 1
                if type(child) is str:  # most parts are strings
                    cid = strings.get(child)
                    if cid is None:
                        cid = strings[child] = self._new(_STR, child)
                    done.append(cid)
                    continue
                if type(child) is int:  # the next most common: a known int is one probe
                    cid = int_ids.get(child)
                    if cid is None:
                        cid = leaf(child)
                    done.append(cid)
                    continue
                if omit and id(child) in omit:
                    child = None
                cid = leaf(child) if type(child) in other_leaves else None
                if cid is None:
                    frame[8] = True
                    cid = object_ids.get(id(child))
                    if cid is None:
                        self.enter(child, stack)
                        entered = True
                        break
                    if count[cid] == _OPEN:  # a cycle closes on this open node
                        hashed = frame[3] is True or (frame[3] is _KEYS and len(done) % 2 == 0)
                        if kinds[cid] not in _SHELLS or hashed:
                            raise SavedIndexError(f"cannot save a cycle through {type(child).__name__} at "
                                                  + _path(stack))
                        if frame[5] is None:
                            frame[5] = set()
                        frame[5].add(len(done))
                done.append(cid)
            if entered:
                continue
            stack.pop()
            kind = kinds[nid]
            if kind in (_TUPLE, _FROZENSET) or (kind == _OBJECT and (
                    frozen[frame[7]] if frame[7] in frozen else self.is_value(frame[7]))):
                # An immutable value equal to one already written (a token, a tuple of words) is
                # that one: tables hold many equal tokens, and sharing them changes no answer.
                # (the parts as packed bytes: a tuple of node numbers takes four times the memory)
                # The key is those bytes with the kind and shape after them, one bytes object (a
                # tuple of the three was 64 bytes more a value: 2 million values at 100,000 entities)
                shape = self.shape_ids.setdefault(self.meta[nid], len(self.shape_ids))
                parts = array("I", sorted(done) if kind == _FROZENSET else done).tobytes()
                key = parts + _TAG.pack(kind, shape)
                same = self.values.setdefault(key, nid)
                if same != nid:
                    object_ids[frame[6]] = same
                    kinds[nid] = _DEAD
                    continue
            self.first[nid] = len(self.parts_)
            count[nid] = len(done)
            self.parts_.extend(done)
            back = frame[5]
            if not frame[8]:  # leaves only (level 0), most containers: no look-up of their levels
                level[nid] = 1 if done else 0
            elif not back:
                level[nid] = max(map(level.__getitem__, done), default=-1) + 1
            else:
                level[nid] = max((level[c] for k, c in enumerate(done) if k not in back), default=-1) + 1
        return top

    def enter(self, obj: Any, stack: list[list[Any]]) -> int:
        try:
            kind, meta, items, hashed, shape = self.parts(obj)
        except SavedIndexError as exc:
            raise SavedIndexError(f"{exc} (at {_path(stack)})") from None
        nid = self._new(kind, meta)
        self.object_ids[id(obj)] = nid
        if kind in (_BUILT, _ADAPTED):  # what they hold was made for the walk: kept alive while ids are keys
            self.alive.append(items)
        self.count[nid] = _OPEN
        # (the set of cycle-closing parts is made when one is met: most objects close none)
        stack.append([nid, items, [], hashed, shape, None, id(obj), type(obj), False])
        return nid

    def is_value(self, cls: type) -> bool:
        """Whether instances of ``cls`` are values: a frozen dataclass compared on every field."""
        found = self.frozen.get(cls)
        if found is None:
            params = getattr(cls, "__dataclass_params__", None)
            found = bool(params is not None and params.frozen and params.eq and all(
                f.compare for f in dataclasses.fields(cls)))
            self.frozen[cls] = found
        return found


def _path(stack: list[list[Any]]) -> str:
    """Where the walk is, for an error: ``Normalizer._scanner/BuildOnce/Scanner.spans/...``."""
    steps = []
    for frame in stack:
        shape, done = frame[4], frame[2]
        steps.append(frame[7].__name__ + (f".{shape[len(done)]}" if shape and len(done) < len(shape) else ""))
    return "/".join(steps) or "the root"


def encode(root: Any, *, allowed: Callable[[str], bool], names: dict[str, Any] | None = None,
           omit: Iterable[Any] = ()) -> Encoded:
    """Every object reachable from ``root``, as arrays.

    Parameters
    ----------
    allowed : callable
        ``allowed(module)``: whether instances of the classes of ``module`` may be saved (and
        made by :func:`decode`).
    names : dict, optional
        Objects of the graph that :func:`decode` may replace, by name (``root`` is named too).
    omit : iterable
        Objects written as ``None`` where an attribute holds them (a translator: a run-time
        option, not a table).

    Raises
    ------
    SavedIndexError
        An object that may not be saved (a function made inside a function, an object of a
        class outside the allow-list, a cycle through a tuple), with where it was found.
    """
    enc = _Encoder(allowed, {id(o) for o in omit})
    with paused_gc():
        named = {"root": enc.walk(root)}
    for name, obj in (names or {}).items():
        nid = enc.leaf(obj)
        nid = enc.object_ids.get(id(obj)) if nid is None else nid
        if nid is not None:
            named[name] = nid
    # the maps of the walk are not needed to lay the arrays out: freed first, they do not add
    # to the plan's own memory at the peak
    enc.object_ids, enc.values, enc.strings, enc.leaf_ids, enc.int_ids = {}, {}, {}, {}, {}
    enc.alive.clear()
    return _plan(enc, named)


def _plan(enc: _Encoder, named: dict[str, int]) -> Encoded:
    """The nodes in the order :func:`decode` makes them, and the arrays."""
    kinds, meta, levels = enc.kinds, enc.meta, enc.level
    n = len(kinds)
    by_kind: dict[int, list[int]] = defaultdict(list)
    for nid, kind in enumerate(kinds):
        by_kind[kind].append(nid)
    by_kind.pop(_DEAD, None)
    classes: dict[str, int] = {}

    def class_index(ref: str | None) -> int:
        return -1 if ref is None else classes.setdefault(ref, len(classes))

    strings, ints, floats = by_kind[_STR], by_kind[_INT], by_kind[_FLOAT]
    order = strings + ints + floats  # node numbers in the order they are made
    groups: list[list[Any]] = []
    for kind in (_CONST, _BIGINT, _BYTES, _CLASS, _FUNC, _MEMO):
        ids = by_kind[kind]
        if ids:
            values = (None if kind == _BYTES  # in their own section
                      else [class_index(meta[i]) if kind in (_CLASS, _FUNC) else meta[i] for i in ids])
            groups.append(["leaf", kind, len(ids), values])
            order += ids
    blobs = [meta[i] for i in by_kind[_BYTES]]
    shell_group: dict[int, int] = {}  # node -> its shell group
    shell_pos: dict[int, int] = {}  # node -> its position in that group
    shell_groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for kind in sorted(_SHELLS):
        # by level within a group: the shells filled at one level are one run of their group
        for nid in sorted(by_kind[kind], key=levels.__getitem__):
            m = meta[nid]
            shell_groups[(kind, *m) if kind == _OBJECT else (kind, m)].append(nid)
    shell_kinds = []
    for g, (key, ids) in enumerate(shell_groups.items()):
        kind = key[0]
        extra: Any = None
        if kind == _OBJECT:
            extra = [class_index(key[1]), list(key[2])]
        elif kind == _DEFAULTDICT:
            extra = class_index(key[1])
        groups.append(["shell", kind, len(ids), extra])
        shell_kinds.append(kind)
        shell_group.update(dict.fromkeys(ids, g))
        shell_pos.update(zip(ids, range(len(ids)), strict=True))
        order += ids
    by_level: dict[int, dict[tuple[Any, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
    for nid, kind in enumerate(kinds):
        if kind in (_TUPLE, _FROZENSET):
            by_level[levels[nid]][("make", kind, None)].append(nid)
        elif kind in (_ENUM, _METHOD, _BUILT, _ADAPTED):
            by_level[levels[nid]][("make", kind, meta[nid])].append(nid)
        elif kind in _SHELLS:
            by_level[levels[nid]][("fill", shell_group[nid], None)].append(nid)
    steps = [(key, ids) for level in sorted(by_level) for key, ids in by_level[level].items()]
    for key, ids in steps:
        if key[0] == "make":
            order += ids
    final = array("I", bytes(4 * n))
    for pos, nid in enumerate(order):
        final[nid] = pos
    # the parts' nodes in order, a run at a time, then their positions in one pass in C (not a
    # list per node; the run is bounded: at 100,000 entities the parts are 20 million)
    refs, sizes, pending = array("I"), array("I"), array("I")
    position = final.__getitem__
    first, count, parts = enc.first, enc.count, enc.parts_
    for key, ids in steps:
        op, what, m = key
        if op == "make":
            kind = what
            extra = class_index(m) if kind == _ENUM else m  # an adapter is named by its own key
            groups.append(["make", kind, len(ids), extra])
        else:
            kind = shell_kinds[what]
            run = shell_pos[ids[0]]  # ids are consecutive in their group (see above)
            groups.append(["fill", kind, len(ids), [what, run]])
        fixed = kind in _FIXED
        for nid in ids:
            c0, c = first[nid], count[nid]
            if not fixed:
                sizes.append(c)
            pending += parts[c0:c0 + c]
            if len(pending) >= _CHUNK:
                refs.extend(map(position, pending))
                del pending[:]
    refs.extend(map(position, pending))
    text = [meta[i] for i in strings]
    # One character no string holds separates them (a split is much faster than slicing by
    # sizes); sizes are kept for the rare graph that holds every candidate.
    # (no string holds c exactly when the strings joined by c hold it only between them: the
    # join is the section, not a test over every string per candidate)
    for separator in _SEPARATORS:
        joined = separator.join(text)
        if joined.count(separator) == max(len(text) - 1, 0):
            break
    else:
        separator, joined = None, "".join(text)
    blob = joined.encode("utf-8", "surrogatepass")
    del joined  # (the text and its UTF-8 are not kept side by side past here)
    string_sizes = array("I", () if separator is not None else map(len, text))
    del text
    plan = {"nodes": len(order), "leaves": [len(strings), len(ints), len(floats)], "classes": list(classes),
            "groups": groups, "names": {k: final[v] for k, v in named.items()}, "separator": separator}
    return Encoded(
        plan=json.dumps(plan, separators=(",", ":")).encode("utf-8"),
        strings=blob,
        string_sizes=string_sizes,
        ints=array("q", [meta[i] for i in ints]),
        floats=array("d", [meta[i] for i in floats]),
        refs=refs,
        sizes=sizes,
        blobs=b"".join(blobs),
        blob_sizes=array("Q", map(len, blobs)),
    )


# -- decoding ---------------------------------------------------------------------------------------
def decode(data: Encoded, *, allowed: Callable[[str], bool],
           substitute: dict[str, Callable[[Any], Any]] | None = None,
           into: dict[str, Any] | None = None, consume: bool = False) -> Any:
    """The root of the graph :func:`encode` wrote, made again.

    Parameters
    ----------
    allowed : callable
        ``allowed(module)``: whether the classes of ``module`` may be made.
    substitute : dict, optional
        Named objects (see :func:`encode`) to replace, by name: a function given the object as
        saved and returning what every reference to it gets instead (a calibration with another
        threshold). It is called once the object is complete, before anything refers to it.
    into : dict, optional
        Named instances to make into existing objects of their class (their attributes are set
        on the object given, and every reference gets it): ``{"root": obj}`` loads into ``obj``.
    consume : bool
        Let go of ``data``'s plan, strings, numbers and bytes once they are read (``data`` is
        then empty): a large index's arrays are hundreds of MB at a load's peak.

    Raises
    ------
    SavedIndexError
        The data names a class that may not be made or that this aeronorm lacks, or does not
        hold together (a reference or a size out of range).
    """
    try:
        with paused_gc():
            plan = json.loads(data.plan)
            if consume:
                data.plan = b""
            return _decode(plan, data, allowed, substitute or {}, into or {}, consume)
    except SavedIndexError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError, OverflowError,
            RecursionError) as exc:
        raise SavedIndexError(f"the index does not hold together ({type(exc).__name__}: {exc})") from None


def _decode(plan: dict[str, Any], data: Encoded, allowed: Callable[[str], bool],
            substitute: dict[str, Callable[[Any], Any]], into: dict[str, Any], consume: bool) -> Any:
    n_str, n_int, n_float = plan["leaves"]
    if len(data.ints) != n_int or len(data.floats) != n_float:
        raise SavedIndexError("the index's leaves do not match its plan")
    text = data.strings.decode("utf-8", "surrogatepass")
    separator = plan["separator"]
    if separator is not None:
        nodes: list[Any] = text.split(separator) if n_str else []
    else:
        nodes = []
        pos = 0
        for size in data.string_sizes:
            nodes.append(text[pos:pos + size])
            pos += size
        if pos != len(text):
            raise SavedIndexError("the index's strings do not match their sizes")
    if len(nodes) != n_str:
        raise SavedIndexError("the index's strings do not match its plan")
    del text
    nodes += data.ints
    nodes += data.floats
    blobs = _blobs(data.blobs, data.blob_sizes)
    if consume:  # what is read is let go
        data.strings, data.string_sizes, data.ints, data.floats = b"", array("I"), array("q"), array("d")
        data.blobs, data.blob_sizes = b"", array("Q")
    classes = [_resolve(ref, allowed) for ref in plan["classes"]]
    refs: Iterator[int] = iter(data.refs)
    sizes: Iterator[int] = iter(data.sizes)
    get = nodes.__getitem__
    shells: list[list[Any]] = []
    shapes: list[Any] = []
    names = plan["names"]
    named = {names[name]: fn for name, fn in substitute.items() if name in names}
    fill = {names[name]: obj for name, obj in into.items() if name in names}
    starts: list[int] = []  # node number of each shell group's first shell
    for op, kind, count, extra in plan["groups"]:
        if op == "leaf":
            made = blobs(count) if kind == _BYTES else _leaves(kind, extra, classes)
            if len(made) != count:
                raise SavedIndexError("a group of the index does not match its size")
            nodes += made
        elif op == "shell":
            made = _shells(kind, count, extra, classes)
            shells.append(made)
            shapes.append(extra)
            starts.append(len(nodes))
            nodes += made
            for nid in [r for r in fill if starts[-1] <= r < len(nodes)]:
                shell = made[nid - starts[-1]]
                if type(fill[nid]) is not type(shell):
                    raise SavedIndexError(f"the index holds a {type(shell).__name__}, not a "
                                          f"{type(fill[nid]).__name__}")
                nodes[nid] = made[nid - starts[-1]] = fill[nid]  # filled in its place
        elif op == "make":
            start = len(nodes)
            made = _make(kind, count, extra, refs, sizes, get, classes, allowed)
            if len(made) != count:
                raise SavedIndexError("a group of the index does not match its size")
            nodes += made
            for nid in [r for r in named if start <= r < len(nodes)]:
                nodes[nid] = named.pop(nid)(nodes[nid])
        elif op == "fill":
            g, run = extra
            targets = shells[g][run:run + count]
            if len(targets) != count:
                raise SavedIndexError("a group of the index does not match its size")
            _fill(kind, targets, refs, sizes, get, shapes[g])
            if named:
                first = starts[g] + run
                for nid in [r for r in named if first <= r < first + count]:
                    nodes[nid] = named.pop(nid)(nodes[nid])  # nothing refers to it yet
        else:
            raise SavedIndexError(f"unknown step {op!r}")
    if next(refs, None) is not None or next(sizes, None) is not None or len(nodes) != plan["nodes"]:
        raise SavedIndexError("the index's references do not match its plan")
    return nodes[names["root"]]


def _blobs(blob: bytes, blob_sizes: array) -> Callable[[int], list[bytes]]:
    """``take(count)``: the next ``count`` bytes objects of the index."""
    sizes = iter(blob_sizes)
    at = 0

    def take(count: int) -> list[bytes]:
        nonlocal at
        out = []
        for size in islice(sizes, count):
            out.append(blob[at:at + size])
            at += size
        if len(out) != count or at > len(blob):
            raise SavedIndexError("the index's bytes do not match its plan")
        return out

    return take


def _leaves(kind: int, values: list[Any], classes: list[Any]) -> list[Any]:
    if kind == _CONST:
        return [_CONSTANTS[v] for v in values]
    if kind == _BIGINT:
        return [int(v) for v in values]
    if kind in (_CLASS, _FUNC):
        out = [classes[v] for v in values]
        if not all(isinstance(c, type) == (kind == _CLASS) for c in out):
            raise SavedIndexError("the index holds a class where a function should be, or the reverse")
        return out
    if kind == _MEMO:
        return [BoundedCache(max_entries=a, max_chars=b, max_key_chars=c) for a, b, c in values]
    raise SavedIndexError(f"unknown kind {kind}")


def _shells(kind: int, count: int, extra: Any, classes: list[Any]) -> list[Any]:
    if kind == _LIST:
        return [[] for _ in range(count)]
    if kind == _SET:
        return [set() for _ in range(count)]
    if kind == _DICT:
        return [{} for _ in range(count)]
    if kind == _DEFAULTDICT:
        factory = None if extra < 0 else classes[extra]
        if factory is not None and not isinstance(factory, type):
            raise SavedIndexError("a defaultdict's factory must be a class")
        return [defaultdict(factory) for _ in range(count)]
    if kind == _OBJECT:
        cls = classes[extra[0]]
        if not isinstance(cls, type) or cls.__new__ is not object.__new__ or issubclass(cls, BaseException):
            raise SavedIndexError(f"the index holds objects of {cls!r}, which it may not make")
        new = object.__new__
        return [new(cls) for _ in range(count)]
    raise SavedIndexError(f"unknown kind {kind}")


def _make(kind: int, count: int, extra: Any, refs: Iterator[int], sizes: Iterator[int],
          get: Callable[[int], Any], classes: list[Any], allowed: Callable[[str], bool]) -> list[Any]:
    if kind == _TUPLE:
        return [tuple(map(get, islice(refs, n))) for n in islice(sizes, count)]
    if kind == _FROZENSET:
        return [frozenset(map(get, islice(refs, n))) for n in islice(sizes, count)]
    if kind == _ENUM:
        cls = classes[extra]
        if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
            raise SavedIndexError(f"{cls!r} is not an enumeration")
        return [cls(v) for v in map(get, islice(refs, count))]
    if kind == _METHOD:
        out = []
        for owner in map(get, islice(refs, count)):
            func = getattr(type(owner), extra, None)
            plain = isinstance(extra, str) and not extra.startswith("__")
            if not (plain and isinstance(func, types.FunctionType) and allowed(func.__module__)):
                raise SavedIndexError(f"the index names a method {extra!r} it may not hold")
            out.append(func.__get__(owner))
        return out
    if kind == _BUILT:
        return [BuildOnce.of(v) for v in map(get, islice(refs, count))]
    if kind == _ADAPTED:
        adapter = _ADAPTERS.get(extra) if isinstance(extra, str) else None
        if adapter is None:
            raise SavedIndexError(f"the index holds an object of {extra!r}, which it may not make")
        return [adapter[1](state) for state in map(get, islice(refs, count))]
    raise SavedIndexError(f"unknown kind {kind}")


def _fill(kind: int, targets: list[Any], refs: Iterator[int], sizes: Iterator[int],
          get: Callable[[int], Any], shape: Any) -> None:
    if kind == _LIST:
        for target, n in zip(targets, sizes, strict=False):  # sizes goes on to the next group
            target.extend(map(get, islice(refs, n)))
    elif kind == _SET:
        for target, n in zip(targets, sizes, strict=False):  # sizes goes on to the next group
            target.update(map(get, islice(refs, n)))
    elif kind in (_DICT, _DEFAULTDICT):
        for target, n in zip(targets, sizes, strict=False):  # sizes goes on to the next group
            items = map(get, islice(refs, n))
            target.update(zip(items, items, strict=True))  # (key, value): the items one after the other
    elif kind == _OBJECT:
        names = tuple(shape[1])
        k = len(names)
        if targets and not _has_slots(type(targets[0])):
            for target in targets:
                target.__dict__.update(zip(names, map(get, islice(refs, k)), strict=True))
        else:
            setattr_ = object.__setattr__  # frozen dataclasses and __slots__ alike
            for target in targets:
                for name, value in zip(names, map(get, islice(refs, k)), strict=True):
                    setattr_(target, name, value)
    else:
        raise SavedIndexError(f"unknown kind {kind}")


def _has_slots(cls: type) -> bool:
    return any("__slots__" in c.__dict__ for c in cls.__mro__[:-1])
