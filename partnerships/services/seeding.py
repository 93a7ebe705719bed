"""
Seeding the registry with the open register of Russian cities
(``partnerships/data/russian_cities_hflabs.csv``, HFLabs, CC BY-SA 4.0).

The register is read into a table of the municipality import's own columns
and imported like any file: a city already in the registry (by OKTMO code,
or by name and federal subject) is updated, a new one is created, and each is
matched to its GeoNames place, which gives it an English name. Running it
again changes nothing.
"""

import csv
from pathlib import Path

from ..importing.municipalities import MunicipalityImport
from ..importing.reading import Table
from ..models import Municipality

REGISTER = Path(__file__).resolve().parent.parent / "data" / "russian_cities_hflabs.csv"
ATTRIBUTION = "Реестр городов России: HFLabs, hflabs/city, CC BY-SA 4.0"
COLUMNS = ("name_ru", "country", "region", "oktmo", "kind", "population", "latitude", "longitude")
FEDERAL_CITIES = {"Москва", "Санкт-Петербург", "Севастополь"}


def register_rows(path=REGISTER):
    """
    The register's cities as rows of COLUMNS. A city's name is the first
    non-empty of its settlement, city, district when that is a town ("г"),
    and region (the three federal cities). Two towns that share one OKTMO code
    in the register: the second is kept without it.
    """
    rows, codes = [], set()
    with open(path, encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            area = record["area"] if record["area_type"] == "г" else ""
            name = record["settlement"] or record["city"] or area or record["region"]
            oktmo = record["oktmo"]
            if oktmo in codes:
                oktmo = ""
            codes.add(oktmo)
            kind = (
                Municipality.Kind.FEDERAL_CITY
                if name in FEDERAL_CITIES and not record["city"]
                else Municipality.Kind.CITY
            )
            rows.append(
                (
                    name,
                    "RU",
                    record["region"],
                    oktmo,
                    kind,
                    record["population"],
                    record["geo_lat"],
                    record["geo_lon"],
                )
            )
    return rows


def russian_cities_seed(*, path=REGISTER, user=None):
    """Import the register of Russian cities into the registry. Returns the ImportReport."""
    table = Table(list(COLUMNS), register_rows(path), "csv")
    engine = MunicipalityImport(
        table,
        dict(enumerate(COLUMNS)),
        strict=False,
        user=user,
        reason="register of Russian cities (hflabs/city)",
        source="hflabs/city",
    )
    return engine.run(dry_run=False)
