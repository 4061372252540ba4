"""The index file: versioned, checked, and every damage found before anything is built from it."""

from __future__ import annotations

import io
import struct

import pytest

from aeronorm.errors import CorruptIndexError, IndexVersionError, SavedIndexError
from aeronorm.store.container import FORMAT_VERSION, MAGIC, IndexFile, write_index_file

SECTIONS = {"plan": b'{"a": 1}', "big": bytes(range(256)) * 64, "empty": b""}


def written(**kwargs) -> bytes:
    buffer = io.BytesIO()
    write_index_file(buffer, {"note": "x"}, SECTIONS, **kwargs)
    return buffer.getvalue()


def read_all(data: bytes) -> dict:
    with IndexFile(data) as f:
        return {name: bytes(v) for name, v in f.sections().items()}


@pytest.mark.parametrize("compress", [True, False])
def test_sections_come_back_as_written(compress, tmp_path):
    data = written(compress=compress)
    assert read_all(data) == SECTIONS
    path = tmp_path / "x.idx"
    write_index_file(path, {"note": "x"}, SECTIONS, compress=compress)
    assert path.read_bytes() == data or compress  # (the time is not in this header)
    with IndexFile(path) as f:
        assert f.header["note"] == "x" and bytes(f.section("big")) == SECTIONS["big"]
        assert all(s["offset"] % 8 == 0 for s in f.header["sections"])
    assert not list(tmp_path.glob(".*tmp"))  # the temporary file was renamed


def test_a_header_whose_offsets_gain_a_digit_is_laid_out():
    """The header holds the sections' offsets, which follow the header: an offset that gains a
    digit when the offsets are written in makes the header longer once more (a third pass)."""
    sections = {f"s{k}": bytes(k) for k in range(12)}
    for pad in range(0, 1200, 3):
        buffer = io.BytesIO()
        write_index_file(buffer, {"note": "x" * pad}, sections, compress=False)
        assert read_all(buffer.getvalue()) == sections


def test_every_changed_byte_is_found():
    data = written()
    for at in range(0, len(data)):
        damaged = bytearray(data)
        damaged[at] ^= 0x41
        try:
            got = read_all(bytes(damaged))
        except SavedIndexError:
            continue
        # only padding between sections may change unnoticed: never what is read
        assert got == SECTIONS, at


def test_every_truncation_is_found():
    data = written()
    for size in range(0, len(data) - 1):
        with pytest.raises((CorruptIndexError, IndexVersionError)):
            read_all(data[:size])


def test_truncated_files_say_so():
    data = written()
    with pytest.raises(CorruptIndexError, match="truncated"):
        read_all(data[: len(data) - 100])
    with pytest.raises(CorruptIndexError, match="truncated"):
        read_all(data[:20])


def test_another_format_version_is_a_version_error():
    data = bytearray(written())
    struct.pack_into("<I", data, len(MAGIC), FORMAT_VERSION + 1)
    with pytest.raises(IndexVersionError, match=f"format {FORMAT_VERSION + 1}"):
        read_all(bytes(data))


def test_not_an_index_at_all():
    with pytest.raises(IndexVersionError, match="not a saved aeronorm index"):
        read_all(b"PK\x03\x04 a zip file")
    with pytest.raises(IndexVersionError):
        read_all(b"")


def test_an_empty_file_on_disk(tmp_path):
    path = tmp_path / "empty.idx"
    path.write_bytes(b"")
    with pytest.raises(CorruptIndexError, match="empty"):
        IndexFile(path)


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "x.idx"
    write_index_file(path, {"note": "old"}, SECTIONS)
    before = path.read_bytes()

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_index_file(path, {"note": "new"}, SECTIONS)
    assert path.read_bytes() == before and len(list(tmp_path.iterdir())) == 1
