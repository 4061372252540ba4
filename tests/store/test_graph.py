"""The object-graph codec: what goes in comes out equal, shared where it was shared, and decoding
creates nothing outside its allow-list and runs no code of the classes it creates."""

from __future__ import annotations

import dataclasses
import enum
import math
import sys
import typing
from collections import defaultdict

import pytest

from aeronorm.caching import BoundedCache, BuildOnce
from aeronorm.errors import SavedIndexError
from aeronorm.store.graph import Encoded, decode, encode

HERE = __name__


def here(module: str) -> bool:
    return module == HERE


def round_trip(obj, **kwargs):
    encoded = encode(obj, allowed=here, **kwargs)
    # through bytes, as a file holds it
    return decode(Encoded.of(encoded.sections()), allowed=here)


class Colour(enum.IntEnum):
    RED = 1
    BLUE = 2


@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int


@dataclasses.dataclass(frozen=True)
class Labelled:
    name: str
    note: str = dataclasses.field(default="", compare=False)  # not a value: never merged


class Box:
    def __init__(self, content=None):
        self.content = content
        self.calls = 0

    def peek(self):
        return self.content


class Slotted:
    __slots__ = ("a", "b")


class Watched:
    """Records any code run on it: decoding must run none."""

    events: typing.ClassVar[list[str]] = []

    def __init__(self):
        Watched.events.append("__init__")

    def __setstate__(self, state):  # pragma: no cover - must not be called
        Watched.events.append("__setstate__")

    def __setattr__(self, name, value):
        Watched.events.append("__setattr__")
        object.__setattr__(self, name, value)


def test_builtin_values_come_back_equal():
    value = {
        "strings": ["", "a", "航天科工", "\x00", "\x1f\x1e\x1d\x1c", "\ufdd0", "\ud800", "x" * 5000],
        "numbers": [0, -1, 2**63 - 1, -(2**63), 2**64, -(10**40), 1.5, -0.0, float("inf")],
        "constants": [None, True, False, ...],
        "containers": ((1, (2, (3,))), frozenset({"a", "b"}), {1, 2, 3}, [[], {}, set(), ()]),
        ("tuple", "key"): {frozenset({1}): b"\x00\xffbytes"},
        "defaults": defaultdict(set, {"k": {1}}),
    }
    back = round_trip(value)
    assert back == value
    assert type(back["defaults"]) is defaultdict and back["defaults"].default_factory is set
    assert math.copysign(1, back["numbers"][7]) == -1.0
    assert math.isnan(round_trip([float("nan")])[0])


def test_strings_holding_every_separator_still_come_back():
    every = "".join(["\x1f", "\x1e", "\x1d", "\x1c", "\x00", "\ufdd0", "\ufdd1", "\U0010fffe"])
    value = [every, "plain", every + "x", ""]
    assert round_trip(value) == value


def test_mutable_objects_stay_shared_and_cycles_close():
    shared = [1, 2]
    box = Box()
    box.content = {"self": box, "list": shared, "again": shared}
    lst: list = []
    lst.append(lst)
    back = round_trip({"box": box, "cycle": lst, "shared": shared})
    assert back["box"].content["self"] is back["box"]
    assert back["box"].content["list"] is back["box"].content["again"] is back["shared"]
    assert back["cycle"][0] is back["cycle"]
    assert back["box"].calls == 0 and back["box"].peek() is back["box"].content


def test_instances_enums_slots_methods_and_tables():
    s = Slotted()
    s.a = Colour.BLUE  # b left unset
    box = Box([Point(1, 2)])
    value = {"slotted": s, "method": box.peek, "table": BuildOnce(lambda: {"built": [1]}),
             "memo": BoundedCache(max_entries=7), "class": Point, "colour": Colour.RED}
    value["memo"].put("k", "v")
    back = round_trip(value)
    assert back["slotted"].a is Colour.BLUE and not hasattr(back["slotted"], "b")
    assert back["method"]() == [Point(1, 2)] and back["method"].__self__.content is back["method"]()
    assert back["table"].built and back["table"].get() == {"built": [1]}
    assert back["memo"].max_entries == 7 and len(back["memo"]) == 0  # a memo travels empty
    assert back["class"] is Point and back["colour"] is Colour.RED


def test_equal_immutable_values_are_written_once_but_others_are_not():
    a, b = Point(1, 2), Point(1, 2)
    la, lb = Labelled("x", note="first"), Labelled("x", note="second")
    back = round_trip([a, b, (1, 2), (1, 2), la, lb, [1], [1]])
    assert back[0] == back[1] == Point(1, 2) and back[0] is back[1]
    assert back[2] is back[3]
    assert back[4] is not back[5] and (back[4].note, back[5].note) == ("first", "second")
    assert back[6] is not back[7]


def test_objects_used_as_keys_are_complete_before_they_are_hashed():
    value = {Point(1, 2): {Point(3, 4)}, (Point(5, 6), "t"): frozenset({Point(7, 8)})}
    assert round_trip(value) == value


def test_decoding_runs_no_code_of_the_class():
    w = Watched()
    w.value = [1, 2]
    Watched.events.clear()
    back = round_trip(w)
    assert Watched.events == [] and back.value == [1, 2] and type(back) is Watched


def test_what_may_not_be_saved_is_named_with_where_it_was_found():
    def local():
        pass

    with pytest.raises(SavedIndexError, match=r"local.*Box\.content"):
        encode(Box(local), allowed=here)
    with pytest.raises(SavedIndexError, match="pathlib"):
        encode({"p": __import__("pathlib").Path(".")}, allowed=here)
    with pytest.raises(SavedIndexError, match="Box"):
        encode(Box(), allowed=lambda module: False)
    t: list = []
    cyclic = (t,)
    t.append(cyclic)
    with pytest.raises(SavedIndexError, match="cycle"):
        encode(cyclic, allowed=here)


def test_omitted_objects_are_written_as_none():
    secret = Box("translator")
    back = round_trip({"a": Box(secret), "b": [secret]}, omit=[secret])
    assert back["a"].content is None and back["b"] == [None]


def test_a_class_outside_the_allow_list_is_never_created():
    encoded = encode(Box([1]), allowed=here)
    with pytest.raises(SavedIndexError, match="may not hold"):
        decode(encoded, allowed=lambda module: False)


def test_a_class_this_process_has_not_imported_is_refused(monkeypatch):
    encoded = encode(Box([1]), allowed=here)
    monkeypatch.delitem(sys.modules, HERE)
    with pytest.raises(SavedIndexError, match="does not have"):
        decode(encoded, allowed=here)


def test_substitutes_and_loading_into_an_object():
    inner = Box("old")
    root = Box({"inner": inner, "again": [inner]})
    encoded = encode(root, allowed=here, names={"inner": inner})
    target = Box()
    back = decode(encoded, allowed=here, substitute={"inner": lambda saved: Box(saved.content + "+new")},
                  into={"root": target})
    assert back is target
    assert target.content["inner"].content == "old+new"
    assert target.content["again"][0] is target.content["inner"]
    with pytest.raises(SavedIndexError, match="not a"):
        decode(encoded, allowed=here, into={"root": Slotted()})


@pytest.mark.parametrize("section", ["plan", "refs", "sizes", "strings", "ints"])
def test_arrays_that_do_not_hold_together_are_an_error_never_a_crash(section):
    sections = encode({"k": [Box((1, 2)), "s", 10**6]}, allowed=here).sections()
    data = bytearray(sections[section])
    if not data:
        data = bytearray(b"\x01\x00\x00\x00")
    else:
        data = data[: len(data) // 2] if section != "plan" else data.replace(b"groups", b"grOups")
    sections[section] = bytes(data)
    with pytest.raises(SavedIndexError):
        decode(Encoded.of(sections), allowed=here)


def test_bytes_travel_in_their_own_section_and_a_consumed_encoding_is_let_go():
    blobs = [b"", b"\x00\xff" * 3, bytes(range(256)), b"abc"]
    root = {"blobs": blobs, "again": blobs[1], "text": "\u822a\u5929"}
    encoded = encode(root, allowed=here)
    assert b"abc".hex() not in encoded.plan.decode()  # not hex in the plan
    data = Encoded.of(encoded.sections())
    back = decode(data, allowed=here, consume=True)
    assert back == root and back["again"] is back["blobs"][1]
    assert (data.plan, data.strings, data.blobs) == (b"", b"", b"")
    assert not data.ints and not data.blob_sizes
    cut = Encoded.of(encoded.sections())
    cut.blob_sizes[-1] += 1  # a size past the end of the bytes
    with pytest.raises(SavedIndexError, match="bytes"):
        decode(cut, allowed=here)
