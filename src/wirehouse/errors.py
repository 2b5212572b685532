"""Errors a user can act on. The CLI turns each into one line and exit code 1."""


class WirehouseError(Exception):
    """Base class: the message says what failed, on which input, and what to do."""


class ConfigError(WirehouseError):
    pass


class FetchError(WirehouseError):
    pass


class SuiteFailed(WirehouseError):
    pass


class WarehouseLocked(WirehouseError):
    pass


class SchemaMismatch(WirehouseError):
    pass


class QueryError(WirehouseError):
    pass


class DiskFull(WirehouseError):
    """A folder the run writes to has no space left; the message names the folder and what to do."""


class OutOfMemory(WirehouseError):
    """DuckDB needed more memory than the run's limit (WIREHOUSE_DB_MEMORY_LIMIT); the message says
    what was stopped, the limit and what to set."""


class WarehouseDamaged(WirehouseError):
    """The database file is cut short, corrupt, not a DuckDB file, or of a newer DuckDB; the message
    names the file and what to do."""
