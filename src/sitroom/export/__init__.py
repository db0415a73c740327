"""Event exports: the documented event dict, and JSONL / ACLED-style CSV / GeoJSON writers."""
from sitroom.export.events import EXPORT_KEYS, event_to_export
from sitroom.export.formats import (
    CSV_COLUMNS, FORMATS, conservative_count, write_csv, write_geojson, write_jsonl,
)

__all__ = [
    "CSV_COLUMNS", "EXPORT_KEYS", "FORMATS", "conservative_count", "event_to_export", "write_csv",
    "write_geojson", "write_jsonl",
]
