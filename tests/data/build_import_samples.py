"""
Builds the twinning files in tests/data/imports/ that the import is tested with.

Run it again only to change them: python tests/data/build_import_samples.py
(the XLS file needs xlwt: pip install xlwt; it is not a dependency of the portal).
Each file is what a real source would send: CSV as Excel and LibreOffice save it
in a Russian locale, XLSX made with openpyxl, XLS, ODS, and deliberate bad files.
"""

import datetime
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "imports"

TEMPLATE_HEADERS = [
    "Муниципалитет / Municipality",
    "Субъект РФ или регион / Federal subject or region",
    "Страна / Country",
    "ОКТМО / OKTMO",
    "Муниципалитет-партнёр / Partner municipality",
    "Регион партнёра / Partner region",
    "Страна партнёра / Partner country",
    "ОКТМО партнёра / Partner OKTMO",
    "Вид связи / Kind of tie",
    "Статус / Status",
    "Дата подписания / Signed on",
    "Дата прекращения / Ended on",
    "Сферы сотрудничества / Areas of cooperation",
    "Описание (рус.) / Description (Russian)",
    "Описание (англ.) / Description (English)",
    "Источник / Source",
    "Публикуется / Public",
]


def row(city, region, partner, partner_country, kind="", status="", signed="", areas="", **extra):
    values = {
        0: city,
        1: region,
        2: extra.get("country", ""),
        3: extra.get("oktmo", ""),
        4: partner,
        5: extra.get("partner_region", ""),
        6: partner_country,
        7: "",
        8: kind,
        9: status,
        10: signed,
        11: extra.get("ended", ""),
        12: areas,
        13: extra.get("description_ru", ""),
        14: extra.get("description_en", ""),
        15: extra.get("source", ""),
        16: extra.get("public", ""),
    }
    return [values[i] for i in range(17)]


# Five ties of five Russian cities; the registry of the tests knows Volgograd and Cologne,
# the others come from the gazetteer with "create missing municipalities".
TIES = [
    row(
        "Волгоград",
        "Волгоградская обл.",
        "Кёльн",
        "Германия",
        "побратимство",
        "действует",
        "1988",
        "культура; образование и наука",
        oktmo="18701000",
        public="да",
    ),
    row(
        "Казань",
        "Респ. Татарстан",
        "Хельсинки",
        "Финляндия",
        "соглашение о сотрудничестве",
        "действует",
        "12.05.2005",
        "экономика и торговля",
        public="да",
    ),
    row(
        "Екатеринбург",
        "Свердловская область",
        "Yerevan",
        "Армения",
        "twinning",
        "active",
        "1990-03-01",
        "culture, youth",
        public="yes",
    ),
    row(
        "Тюмень",
        "Tyumen Oblast",
        "Минск",
        "Беларусь",
        "меморандум",
        "планируется",
        "05.2021",
        "туризм",
    ),
    row(
        "Самара",
        "Самарская обл.",
        "Бишкек",
        "Кыргызстан",
        "protocol of intent",
        "suspended",
        "2015",
        "спорт; молодёжная политика",
        description_en="Joint youth festival",
    ),
]

RUSSIAN_OFFICE_HEADERS = [
    "Город",
    "Регион",
    "Город-партнёр",
    "Страна партнёра",
    "Тип соглашения",
    "Год подписания",
]
RUSSIAN_OFFICE_ROWS = [
    ["Волгоград", "Волгоградская обл.", "Кёльн", "ФРГ", "Побратимство", "1988"],
    ["Казань", "Татарстан", "Хельсинки", "Финляндия", "Соглашение о сотрудничестве", "2005"],
]


def csv_text(headers, rows, delimiter):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def xlsx(headers, rows, *, dates=True):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        values = list(values)
        if dates and values[10] == "12.05.2005":
            values[10] = datetime.datetime(2005, 5, 12)  # a real date cell
        if values[3]:
            values[3] = int(values[3])  # OKTMO typed as a number, as spreadsheets do
        if values[10] in ("1988", "2015"):
            values[10] = int(values[10])  # a bare year as a number
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(headers, rows):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Связи")
    date_style = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
    for line, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            if column == 10 and value == "12.05.2005":
                sheet.write(line, column, datetime.date(2005, 5, 12), date_style)
            else:
                sheet.write(line, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(headers, rows):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Связи")
    for values in [headers, *rows]:
        line = TableRow()
        for value in values:
            if value == "12.05.2005":
                cell = TableCell(valuetype="date", datevalue="2005-05-12")
                cell.addElement(P(text="12.05.2005"))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx():
    """A valid-looking XLSX whose sheet unpacks to 300 MB of nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    return buffer.getvalue()


def entity_bomb_xlsx():
    """An XLSX whose worksheet defines nested entities (a "billion laughs")."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(TEMPLATE_HEADERS)
    workbook.active.append(TIES[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    doctype = ("<!DOCTYPE worksheet [" + "".join(entities) + "]>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (
                    b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + data.split(b"?>", 1)[-1]
                )
                data = data.replace(
                    b"<sheetData>",
                    b'<sheetData><row r="99"><c r="A99" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                    1,
                )
            archive.writestr(item, data)
    return out.getvalue()


MUNICIPALITY_HEADERS = [
    "Название (рус.) / Name (Russian)",
    "Название (англ.) / Name (English)",
    "Страна / Country",
    "Субъект РФ или регион / Federal subject or region",
    "ОКТМО / OKTMO",
    "Вид / Kind",
    "Население / Population",
    "Широта / Latitude",
    "Долгота / Longitude",
    "Сайт / Website",
    "GeoNames / GeoNames id",
]
MUNICIPALITIES = [
    [
        "Волгоград",
        "Volgograd",
        "Россия",
        "Волгоградская обл.",
        "18701000",
        "городской округ",
        "1 013 533",
        "48,71378",
        "44,4976",
        "",
        "472757",
    ],
    [
        "Камышин",
        "Kamyshin",
        "Россия",
        "Волгоградская обл.",
        "18715000",
        "городской округ",
        "103 000",
        "50,0833",
        "45,4",
        "",
        "",
    ],
    [
        "Кёльн",
        "Cologne",
        "Германия",
        "Северный Рейн-Вестфалия",
        "",
        "city",
        "1075935",
        "50,93333",
        "6,95",
        "",
        "",
    ],
    ["", "Lahti", "FI", "", "", "город", "120093", "60,98267", "25,66151", "", ""],
]


def build():
    HERE.mkdir(exist_ok=True)
    files = {
        "municipalities-cp1251.csv": csv_text(MUNICIPALITY_HEADERS, MUNICIPALITIES, ";").encode(
            "cp1251"
        ),
        "municipalities-bad.csv": csv_text(
            MUNICIPALITY_HEADERS,
            [
                ["Камышин", "", "Россия", "", "", "", "", "95", "", "", ""],
                ["Лахти", "", "Нарния", "", "", "", "", "", "", "", ""],
                ["Сызрань", "", "Россия", "", "", "полис", "", "", "", "not a url", ""],
            ],
            ";",
        ).encode("utf-8"),
        "ties-utf8-comma.csv": csv_text(TEMPLATE_HEADERS, TIES, ",").encode("utf-8"),
        "ties-utf8-bom-semicolon.csv": b"\xef\xbb\xbf"
        + csv_text(TEMPLATE_HEADERS, TIES, ";").encode("utf-8"),
        "ties-cp1251-semicolon.csv": csv_text(TEMPLATE_HEADERS, TIES, ";").encode("cp1251"),
        "ties-cp1251-tab.csv": csv_text(TEMPLATE_HEADERS, TIES, "\t").encode("cp1251"),
        "ties.xlsx": xlsx(TEMPLATE_HEADERS, TIES),
        "ties.xls": xls(TEMPLATE_HEADERS, TIES),
        "ties.ods": ods(TEMPLATE_HEADERS, TIES),
        "russian-office.csv": csv_text(RUSSIAN_OFFICE_HEADERS, RUSSIAN_OFFICE_ROWS, ";").encode(
            "cp1251"
        ),
        "unknown-headers.csv": csv_text(
            ["Муниципальное образование РФ", "Зарубежный побратим", "Государство", "Год"],
            [["Волгоград", "Кёльн", "Германия", "1988"]],
            ";",
        ).encode("utf-8"),
        "wrong-encoding-koi8.csv": csv_text(
            RUSSIAN_OFFICE_HEADERS, RUSSIAN_OFFICE_ROWS * 4, ";"
        ).encode("koi8-r"),
        "binary-renamed.csv": (
            Path(__file__).resolve().parent / "uploads" / "photo.png"
        ).read_bytes()
        * 4,
        "empty.csv": b"",
        "headers-only.csv": csv_text(TEMPLATE_HEADERS, [], ";").encode("utf-8"),
        "missing-required-column.csv": csv_text(
            ["Город", "Город-партнёр"], [["Волгоград", "Кёльн"]], ";"
        ).encode("utf-8"),
        "formulas.csv": csv_text(
            TEMPLATE_HEADERS,
            [
                row(
                    "Волгоград",
                    "Волгоградская обл.",
                    "Кёльн",
                    "Германия",
                    "побратимство",
                    "действует",
                    "1988",
                    description_ru='=HYPERLINK("http://evil.example","Нажмите")',
                    source="@SUM(1+1)",
                )
            ],
            ";",
        ).encode("utf-8"),
        "bad-values.csv": csv_text(
            TEMPLATE_HEADERS,
            [
                row("Волгоград", "Волгоградская обл.", "Кёльн", "Германия", signed="31.02.2019"),
                row("Волгоград", "Волгоградская обл.", "Нарния", "Нарния"),
                row(
                    "Волгоград",
                    "Волгоградская обл.",
                    "Волгоград",
                    "Россия",
                    partner_region="Волгоградская обл.",
                ),
                row("Казань", "Респ. Татарстан", "Хельсинки", "Финляндия", kind="дружба навек"),
            ],
            ";",
        ).encode("utf-8"),
        "both-orders.csv": csv_text(
            TEMPLATE_HEADERS,
            [
                row(
                    "Волгоград",
                    "Волгоградская обл.",
                    "Кёльн",
                    "Германия",
                    "побратимство",
                    "",
                    "1988",
                ),
                row(
                    "Кёльн",
                    "",
                    "Волгоград",
                    "Россия",
                    "побратимство",
                    "",
                    "1988",
                    country="Германия",
                    partner_region="Волгоградская обл.",
                ),
            ],
            ";",
        ).encode("utf-8"),
        "conflicting-pair.csv": csv_text(
            TEMPLATE_HEADERS,
            [
                row(
                    "Волгоград",
                    "Волгоградская обл.",
                    "Кёльн",
                    "Германия",
                    "побратимство",
                    "",
                    "1988",
                ),
                row(
                    "Кёльн",
                    "",
                    "Волгоград",
                    "Россия",
                    "меморандум",
                    "",
                    "1990",
                    country="Германия",
                    partner_region="Волгоградская обл.",
                ),
            ],
            ";",
        ).encode("utf-8"),
        "ambiguous-gazetteer.csv": csv_text(
            TEMPLATE_HEADERS, [row("Троицк", "", "Кёльн", "Германия", "побратимство")], ";"
        ).encode("utf-8"),
        "zip-bomb.xlsx": zip_bomb_xlsx(),
        "entity-bomb.xlsx": entity_bomb_xlsx(),
    }
    for name, content in files.items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")


if __name__ == "__main__":
    build()
