"""Parquet: record batches read, the new fields appended (or, with ``--overwrite-columns``, put in
place of the existing ones), every other column and the schema's metadata kept.

Needs pyarrow (the ``pandas`` extra). INPUT from stdin or a pipe is read into memory first
(Parquet keeps its index at the end of the file).
"""

from __future__ import annotations

import io
from typing import IO, Any

from ..columns import listed, near_names, placement
from ..errors import CLIError
from .job import Job

__all__ = ["run"]


def run(job: Job, out: IO[bytes]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CLIError("Parquet needs pyarrow: pip install 'aeronorm[pandas]'") from None
    source = job.source
    name = source.name
    errors = (pa.ArrowException, OSError)
    try:
        if source.regular:
            where: Any = source.path
        else:
            stream = source.open()
            where = pa.BufferReader(stream.read())
            source.close()
        pf = pq.ParquetFile(where)
        schema = pf.schema_arrow
    except errors as exc:
        raise CLIError(f"cannot read {name} as Parquet: {exc}") from None
    if job.column not in schema.names:
        raise CLIError(f"no column {job.column!r} in {name} (columns: {listed(schema.names)})"
                       f"{near_names(job.column, schema.names)}")
    if schema.names.count(job.column) > 1:
        raise CLIError(f"the column {job.column!r} appears {schema.names.count(job.column)} times in {name}")
    positions = placement(schema.names, job.names, column=job.column, overwrite=job.overwrite, source=name)
    types = [pa.string(), pa.string(), pa.float64(), pa.string(), pa.string()][: len(job.names)]
    fields = list(schema)
    appended = []
    for field_name, type_, pos in zip(job.names, types, positions, strict=True):
        if pos is None:
            appended.append(pa.field(field_name, type_))
        else:
            fields[pos] = pa.field(field_name, type_)
    out_schema = pa.schema(fields + appended, metadata=schema.metadata)
    sink: Any = out if _seekable(out) else io.BytesIO()  # stdout, a pipe: written at the end
    first = 0
    try:
        with pq.ParquetWriter(sink, out_schema) as writer:
            for batch in pf.iter_batches(batch_size=job.chunk_rows):
                res = job.resolver.rows(batch.column(job.column).to_pylist())
                new = [pa.array([r[0] if isinstance(r[0], str) else None for r in res], pa.string()),
                       pa.array([r[1] for r in res], pa.string()),
                       pa.array([r[2] for r in res], pa.float64()),
                       pa.array([r[3] for r in res], pa.string()),
                       pa.array([r[4] for r in res], pa.string())][: len(job.names)]
                columns = list(batch.columns)
                tail = []
                for array, pos in zip(new, positions, strict=True):
                    if pos is None:
                        tail.append(array)
                    else:
                        columns[pos] = array
                writer.write_batch(pa.RecordBatch.from_arrays(columns + tail, schema=out_schema))
                first += batch.num_rows
    except errors as exc:
        raise CLIError(f"cannot read {name} as Parquet (rows {first + 1:,} onwards): {exc}") from None
    if sink is not out:
        out.write(sink.getvalue())


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (OSError, ValueError):
        return False


def num_rows(path: str) -> int | None:
    """Rows of a Parquet file, for the progress display (``None`` when unreadable)."""
    try:
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # the run reports the error properly
        return None
