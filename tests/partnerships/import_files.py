"""Large twinning files for the background-import tests, written as real CSV files."""

import csv

from partnerships.importing.columns import PARTNERSHIP_COLUMNS
from partnerships.models import FederalSubject, Municipality


def populate_registry(russian=60, foreign=60):
    """Russian and foreign municipalities to tie; returns both lists."""
    subject = FederalSubject.objects.get(name_ru="Волгоградская область")
    rows = [
        Municipality(name_ru=f"Город-{n}", country="RU", federal_subject=subject)
        for n in range(russian)
    ] + [Municipality(name_en=f"Partnerstadt {n}", country="DE") for n in range(foreign)]
    for municipality in rows:
        municipality.search_name = municipality.build_search_name()
    Municipality.objects.bulk_create(rows)
    return rows[:russian], rows[russian:]


def write_ties_csv(path, russian, foreign, *, count, kind="побратимство"):
    """``count`` rows tying each Russian municipality to each foreign one in turn."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([column.header for column in PARTNERSHIP_COLUMNS])
        written = 0
        for a in russian:
            for b in foreign:
                if written == count:
                    return path
                values = {
                    "municipality": a.name_ru,
                    "region": "Волгоградская обл.",
                    "partner": b.name_en,
                    "partner_country": "Германия",
                    "kind": kind,
                    "status": "действует",
                    "signed_on": str(1960 + written % 60),
                    "areas": "культура",
                    "is_public": "да",
                }
                writer.writerow([values.get(column.key, "") for column in PARTNERSHIP_COLUMNS])
                written += 1
    return path
