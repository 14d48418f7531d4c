"""PostgreSQL as a source and a sink of the tables of a relational build (SQLAlchemy 2 over psycopg 3).

Reading: each table of one schema in batches of rows (``read_batches``). Writing: every safe table into
one schema and every quarantined row into another, in one transaction, after the build has succeeded,
so a failure (a wrong password, a lost connection, a full disk) writes nothing. Errors become
:class:`InputError` / :class:`OutputError` with one line naming the database without its password, the
schema and the table, never a row. SQLAlchemy and psycopg are the optional extra ``safecohort[postgres]``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

from safecohort.errors import InputError, OutputError, SafecohortError
from safecohort.io import InputInfo
from safecohort.io.sources import TableSource

BATCH_ROWS = 50_000


def is_database_url(text: str) -> bool:
    """True for a ``postgresql://`` (or ``postgresql+psycopg://``) URL."""
    return text.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def _engine(url: str, error: type[SafecohortError]) -> Any:
    try:
        # lazy: SQLAlchemy is an optional extra, loaded only for a database input or output
        import sqlalchemy
        from sqlalchemy.engine import make_url
    except ImportError:
        raise error("PostgreSQL needs the optional extra: pip install 'safecohort[postgres]'") from None
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except sqlalchemy.exc.ArgumentError:
        raise error("not a database URL: postgresql://user:password@host/database") from None
    parsed = parsed.set(drivername="postgresql+psycopg")
    return sqlalchemy.create_engine(parsed)


def _where(engine: Any) -> str:
    return str(engine.url.render_as_string(hide_password=True))


def _connection_error(exc: Exception, engine: Any, error: type[SafecohortError]) -> SafecohortError:
    """One line for a failed connection or statement: what failed and where, never a value or password."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "password authentication failed" in text or "authentication failed" in text:
        why = f"authentication failed for user '{engine.url.username}'"
    elif "does not exist" in text and "database" in text:
        why = f"database '{engine.url.database}' does not exist"
    elif "connection" in text or "could not" in text or "timeout" in text:
        why = "cannot connect (is the server running and reachable?)"
    else:
        why = type(getattr(exc, "orig", exc)).__name__
    return error(f"database {_where(engine)}: {why}")


class PostgresSource(TableSource):
    """The tables of one schema of a PostgreSQL database."""

    def __init__(self, url: str, schema: str = "public", *, batch_rows: int = BATCH_ROWS) -> None:
        self.engine = _engine(url, InputError)
        self.schema = schema
        self.batch_rows = batch_rows
        self.name = f"{_where(self.engine)} schema {schema}"

    def read_tables(self, tables: Sequence[str]) -> dict[str, tuple[pd.DataFrame, InputInfo]]:
        """Every table of ``tables``; the connections are closed afterwards."""
        try:
            return super().read_tables(tables)
        finally:
            self.engine.dispose()

    def missing(self, tables: Sequence[str]) -> list[str]:
        # lazy: optional extra (module note)
        import sqlalchemy

        try:
            with self.engine.connect() as connection:
                present = set(sqlalchemy.inspect(connection).get_table_names(schema=self.schema))
        except sqlalchemy.exc.SQLAlchemyError as exc:
            raise _connection_error(exc, self.engine, InputError) from None
        return [t for t in tables if t not in present]

    def read_batches(self, table: str) -> tuple[Iterator[pd.DataFrame], InputInfo]:
        # lazy: optional extra (module note)
        import sqlalchemy

        try:
            with self.engine.connect() as connection:
                meta = sqlalchemy.Table(
                    table, sqlalchemy.MetaData(), schema=self.schema, autoload_with=connection
                )
                query = sqlalchemy.select(meta)
                frames = list(pd.read_sql(query, connection, chunksize=self.batch_rows))
        except sqlalchemy.exc.NoSuchTableError:
            raise InputError(f"{self.name}: table '{table}' not found") from None
        except sqlalchemy.exc.SQLAlchemyError as exc:
            raise _connection_error(exc, self.engine, InputError) from None
        frames = frames or [pd.DataFrame(columns=[c.name for c in meta.columns])]
        digest = hashlib.sha256()
        for frame in frames:
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        return iter(frames), InputInfo(
            name=f"{self.name}.{table}", format="postgresql", digest=digest.hexdigest()
        )


def write_postgres(
    url: str,
    schema: str,
    tables: Mapping[str, pd.DataFrame],
    *,
    quarantine_schema: str,
    quarantine: Mapping[str, pd.DataFrame],
    batch_rows: int = BATCH_ROWS,
) -> None:
    """Write every table into ``schema`` (replacing tables of the same name) and the quarantined rows into
    ``quarantine_schema``, in one transaction: all of it, or nothing."""
    # lazy: optional extra (module note)
    import sqlalchemy

    engine = _engine(url, OutputError)
    try:
        with engine.begin() as connection:
            for target, frames in ((schema, tables), (quarantine_schema, quarantine)):
                connection.execute(sqlalchemy.schema.CreateSchema(target, if_not_exists=True))
                for table, frame in frames.items():
                    frame.to_sql(
                        table,
                        connection,
                        schema=target,
                        if_exists="replace",
                        index=False,
                        chunksize=batch_rows,
                    )
    except sqlalchemy.exc.SQLAlchemyError as exc:
        raise _connection_error(exc, engine, OutputError) from None
    finally:
        engine.dispose()


__all__ = ["PostgresSource", "is_database_url", "write_postgres"]
