"""
Importing and exporting twinning records.

- ``reading``: a file's bytes -> headers and rows (CSV, XLSX, XLS, ODS), with the safety checks;
- ``columns``: the file columns, their names in both languages, matching headers to them;
- ``values``: cell values -> registry values (dates with precision, kinds, countries ...);
- ``engine``: validate every row against lookups loaded once, then write in bulk, all or nothing;
- ``resources``: django-import-export resources for export (and the engine behind their import).
"""
