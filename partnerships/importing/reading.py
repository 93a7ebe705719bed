"""
Reading a spreadsheet into headers and rows, refusing what is not one.

Formats are recognised by content, not by name: XLSX and ODS are zips with
their own members, XLS is an OLE2 compound file, anything else must be text.
CSV comes in UTF-8 (with or without BOM), UTF-16 or Windows-1251, with
commas, semicolons or tabs; both are detected and may be given explicitly.
Spreadsheets are parsed by calamine (Rust, through python-calamine), several
times faster than a cell-by-cell Python parser. Zip archives are checked for
their declared sizes before anything is unpacked, and XML members that
declare a DTD are refused before parsing, so a zip bomb or an entity bomb is
refused quickly and in bounded memory.
"""

import codecs
import csv
import datetime
import io
import sys
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_RATIO = 100  # a spreadsheet compresses about 5-20 times; 100 is a bomb
DELIMITERS = ",;\t"


class FileRefused(Exception):
    """The file cannot be read as a table; the message says why, in the user's language."""


@dataclass
class Table:
    headers: list
    rows: list  # tuples of cell values, one per data row
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    numbers: list | None = None  # the rows' lines in the file, when not 2, 3, 4 ...


def read_table(data, *, encoding=None, delimiter=None, max_bytes=None):
    """``data`` is the file's bytes. Returns a Table or raises FileRefused."""
    limit = max_bytes or settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileRefused(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if data.startswith(ZIP_MAGIC):
        table = _read_zip_spreadsheet(data, limit)
    elif data.startswith(OLE2_MAGIC):
        table = _read_with_calamine(data, "xls")
    else:
        table = _read_csv(data, encoding, delimiter)
    table.headers = [str(h).strip() if h is not None else "" for h in table.headers]
    table.rows = [row for row in table.rows if any(cell not in (None, "") for cell in row)]
    if not any(table.headers):
        raise FileRefused(_("The file has no header row."))
    if not table.rows:
        raise FileRefused(_("The file has a header row but no data rows."))
    return table


def _check_archive(archive, size, limit):
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > max(limit, size * MAX_UNPACKED_RATIO):
        raise FileRefused(
            _(
                "The spreadsheet would unpack to %(unpacked)s from %(size)s: that is not a normal "
                "spreadsheet, and it is refused."
            )
            % {"unpacked": filesizeformat(unpacked), "size": filesizeformat(size)}
        )


def _read_zip_spreadsheet(data, limit):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as broken:
        raise FileRefused(_("The file is a damaged archive, not a spreadsheet.")) from broken
    with archive:
        _check_archive(archive, len(data), limit)
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            _refuse_entities(archive, (n for n in names if n.endswith(".xml")))
            return _read_with_calamine(data, "xlsx")
        if "mimetype" in names and archive.read("mimetype").strip() == (
            b"application/vnd.oasis.opendocument.spreadsheet"
        ):
            _refuse_entities(archive, (n for n in names if n.endswith(".xml")))
            return _read_with_calamine(data, "ods")
    raise FileRefused(_("The file is an archive, not a spreadsheet (CSV, XLSX, XLS or ODS)."))


def _refuse_entities(archive, members):
    """
    An XML member that declares a DTD (where entities are defined, the stuff of
    "billion laughs" bombs) is refused: a spreadsheet has no reason for one. The
    declaration can only stand in the prolog, so the first few kilobytes tell.
    """
    for name in members:
        with archive.open(name) as member:
            prolog = member.read(4096)
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            raise FileRefused(_("The spreadsheet contains forbidden XML (entity definitions)."))


def _read_with_calamine(data, file_format):
    """The first sheet of an XLSX, XLS or ODS workbook, parsed by calamine (Rust)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, IndexError) as broken:
        raise FileRefused(
            _("The spreadsheet cannot be read: %(error)s") % {"error": broken}
        ) from broken
    except Exception as broken:  # calamine's own error types differ between file kinds
        raise FileRefused(
            _("The spreadsheet cannot be read: %(error)s") % {"error": broken}
        ) from broken
    table_rows = [tuple(_cell(value) for value in row) for row in rows]
    while table_rows and not any(cell not in (None, "") for cell in table_rows[0]):
        table_rows.pop(0)
    headers = list(table_rows[0]) if table_rows else []
    return Table(headers, table_rows[1:], file_format)


def _cell(value):
    if type(value) is str:
        return sys.intern(value)
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _decode(data, encoding):
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as unknown:
            raise FileRefused(
                _("Unknown encoding “%(encoding)s”.") % {"encoding": encoding}
            ) from unknown
        except UnicodeDecodeError as wrong:
            raise FileRefused(
                _(
                    "The file is not in %(encoding)s (byte %(position)s cannot be read). "
                    "Choose its real encoding."
                )
                % {"encoding": encoding, "position": wrong.start}
            ) from wrong
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise FileRefused(_("This is a binary file, not a CSV table or a spreadsheet."))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = data.decode("cp1251", errors="replace")
    # Windows-1251 reads any byte; a file in another encoding shows as letters
    # that do not form Russian text: mostly capitals, or the unused byte 0x98.
    letters = [c for c in decoded if c.isalpha() and not c.isascii()]
    capitals = sum(1 for c in letters if c.isupper())
    if "\ufffd" in decoded or (len(letters) > 20 and capitals > 0.6 * len(letters)):
        raise FileRefused(
            _(
                "The file's encoding cannot be recognised. "
                "Save it as CSV in UTF-8 or choose the encoding."
            )
        )
    return decoded, "cp1251"


def _read_csv(data, encoding, delimiter):
    content, used_encoding = _decode(data, encoding)
    if any(ord(c) < 32 and c not in "\t\r\n" for c in content[:8192]):
        raise FileRefused(_("This is a binary file, not a CSV table or a spreadsheet."))
    sample = content[:16384]
    if not delimiter:
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
        except csv.Error:
            first_line = sample.splitlines()[0] if sample else ""
            delimiter = max(DELIMITERS, key=first_line.count)
    elif delimiter in {"\\t", "tab", "TAB"}:
        delimiter = "\t"
    if len(delimiter) != 1:
        raise FileRefused(_("The delimiter must be one character."))
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    del content
    try:
        # The same names, countries and kinds recur on thousands of rows: keep one copy of each.
        rows = [tuple(map(sys.intern, row)) for row in reader]
    except csv.Error as broken:
        raise FileRefused(
            _("The CSV file cannot be read: %(error)s") % {"error": broken}
        ) from broken
    if not rows:
        raise FileRefused(_("The file is empty."))
    return Table(list(rows[0]), rows[1:], "csv", used_encoding, delimiter)
