"""The project store: the only code that talks SQL to a project file."""
from .errors import PermissionDenied, ProjectError, ReadOnlyProject
from .project import GOLD, ITEM_FIELDS, ORIGINS, STATUSES, ProjectStore, fts_query, now
from .schema import SCHEMA_VERSION

__all__ = [
    "GOLD", "ITEM_FIELDS", "ORIGINS", "STATUSES", "SCHEMA_VERSION", "PermissionDenied",
    "ProjectError", "ProjectStore", "ReadOnlyProject", "fts_query", "now",
]
