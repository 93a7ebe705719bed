"""
A roadmap as a spreadsheet for partners and colleagues.

Headers are in the language of the page that asked; titles and descriptions
come in both languages. Every text cell goes through the registry's
``escape_formula``, so a title beginning with ``=`` is text in Excel, never
a formula.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from mechanisms.spreadsheets import escape_formula


def _headers(staff):
    headers = [
        _("No."),
        _("Title (Russian)"),
        _("Title (English)"),
        _("Kind"),
        _("Status"),
        _("Planned start"),
        _("Planned end"),
        _("Actual start"),
        _("Actual end"),
        _("Roadmap"),
        _("Participating municipalities"),
        _("Associations"),
        _("Description (Russian)"),
        _("Description (English)"),
        _("Outcome notes"),
    ]
    if staff:
        headers += [_("Responsible"), _("Public")]
    return headers


def _row(milestone, staff):
    row = [
        milestone.pk,
        milestone.title_ru,
        milestone.title_en,
        milestone.get_kind_display(),
        milestone.get_status_display(),
        milestone.planned_start_on,
        milestone.planned_end_on,
        milestone.actual_start_on,
        milestone.actual_end_on,
        milestone.roadmap.title,
        "; ".join(m.name for m in milestone.municipalities.all()),
        "; ".join(str(a) for a in milestone.associations.all()),
        milestone.description_ru,
        milestone.description_en,
        milestone.outcome_notes,
    ]
    if staff:
        row += [
            str(milestone.responsible or ""),
            _("yes") if milestone.is_public else _("no"),
        ]
    return ["" if cell is None else escape_formula(cell) for cell in row]


def write_xlsx(target, *, milestones, title, staff):
    """Write the milestones to ``target`` (a path or a binary file) as one worksheet."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Roadmap")[:31])
    heading = WriteOnlyCell(sheet, value=escape_formula(str(title)))
    heading.font = Font(bold=True, size=13)
    sheet.append([heading])
    sheet.append([_("Exported on %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}])
    sheet.append([])
    header_cells = []
    for header in _headers(staff):
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for milestone in milestones.iterator(chunk_size=1000):
        cells = []
        for value in _row(milestone, staff):
            cell = WriteOnlyCell(sheet, value=value)
            if hasattr(value, "strftime"):
                cell.number_format = "DD.MM.YYYY"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)
