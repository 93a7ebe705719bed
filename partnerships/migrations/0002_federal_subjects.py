"""
The 89 federal subjects of the Russian Federation, with names in both
languages, the usual abbreviated form and the GeoNames admin1 code.

GeoNames files the Republic of Crimea, Sevastopol and the four subjects
admitted in 2022 under Ukraine's codes, so theirs is empty; places there are
matched by name, not by code.
"""

from django.db import migrations

from accounts.role_permissions import grant_app_permissions

# (name_ru, name_en, short_name_ru, kind, geonames_admin1)
SUBJECTS = [
    ("Республика Адыгея", "Republic of Adygea", "Респ. Адыгея", "republic", "01"),
    ("Республика Алтай", "Altai Republic", "Респ. Алтай", "republic", "03"),
    ("Алтайский край", "Altai Krai", "Алтайский край", "krai", "04"),
    ("Амурская область", "Amur Oblast", "Амурская обл.", "oblast", "05"),
    ("Архангельская область", "Arkhangelsk Oblast", "Архангельская обл.", "oblast", "06"),
    ("Астраханская область", "Astrakhan Oblast", "Астраханская обл.", "oblast", "07"),
    ("Республика Башкортостан", "Republic of Bashkortostan", "Респ. Башкортостан", "republic", "08"),
    ("Белгородская область", "Belgorod Oblast", "Белгородская обл.", "oblast", "09"),
    ("Брянская область", "Bryansk Oblast", "Брянская обл.", "oblast", "10"),
    ("Республика Бурятия", "Republic of Buryatia", "Респ. Бурятия", "republic", "11"),
    ("Чеченская Республика", "Chechen Republic", "Чеченская Респ.", "republic", "12"),
    ("Челябинская область", "Chelyabinsk Oblast", "Челябинская обл.", "oblast", "13"),
    ("Чукотский автономный округ", "Chukotka Autonomous Okrug", "Чукотский АО", "autonomous_okrug", "15"),
    ("Чувашская Республика", "Chuvash Republic", "Чувашская Респ.", "republic", "16"),
    ("Республика Дагестан", "Republic of Dagestan", "Респ. Дагестан", "republic", "17"),
    ("Республика Ингушетия", "Republic of Ingushetia", "Респ. Ингушетия", "republic", "19"),
    ("Иркутская область", "Irkutsk Oblast", "Иркутская обл.", "oblast", "20"),
    ("Ивановская область", "Ivanovo Oblast", "Ивановская обл.", "oblast", "21"),
    ("Кабардино-Балкарская Республика", "Kabardino-Balkarian Republic", "Кабардино-Балкарская Респ.", "republic", "22"),
    ("Калининградская область", "Kaliningrad Oblast", "Калининградская обл.", "oblast", "23"),
    ("Республика Калмыкия", "Republic of Kalmykia", "Респ. Калмыкия", "republic", "24"),
    ("Калужская область", "Kaluga Oblast", "Калужская обл.", "oblast", "25"),
    ("Карачаево-Черкесская Республика", "Karachay-Cherkess Republic", "Карачаево-Черкесская Респ.", "republic", "27"),
    ("Республика Карелия", "Republic of Karelia", "Респ. Карелия", "republic", "28"),
    ("Кемеровская область — Кузбасс", "Kemerovo Oblast — Kuzbass", "Кемеровская обл.", "oblast", "29"),
    ("Хабаровский край", "Khabarovsk Krai", "Хабаровский край", "krai", "30"),
    ("Республика Хакасия", "Republic of Khakassia", "Респ. Хакасия", "republic", "31"),
    ("Ханты-Мансийский автономный округ — Югра", "Khanty-Mansi Autonomous Okrug — Yugra", "Ханты-Мансийский АО", "autonomous_okrug", "32"),
    ("Кировская область", "Kirov Oblast", "Кировская обл.", "oblast", "33"),
    ("Республика Коми", "Komi Republic", "Респ. Коми", "republic", "34"),
    ("Костромская область", "Kostroma Oblast", "Костромская обл.", "oblast", "37"),
    ("Краснодарский край", "Krasnodar Krai", "Краснодарский край", "krai", "38"),
    ("Курганская область", "Kurgan Oblast", "Курганская обл.", "oblast", "40"),
    ("Курская область", "Kursk Oblast", "Курская обл.", "oblast", "41"),
    ("Ленинградская область", "Leningrad Oblast", "Ленинградская обл.", "oblast", "42"),
    ("Липецкая область", "Lipetsk Oblast", "Липецкая обл.", "oblast", "43"),
    ("Магаданская область", "Magadan Oblast", "Магаданская обл.", "oblast", "44"),
    ("Республика Марий Эл", "Mari El Republic", "Респ. Марий Эл", "republic", "45"),
    ("Республика Мордовия", "Republic of Mordovia", "Респ. Мордовия", "republic", "46"),
    ("Московская область", "Moscow Oblast", "Московская обл.", "oblast", "47"),
    ("Москва", "Moscow", "г. Москва", "federal_city", "48"),
    ("Мурманская область", "Murmansk Oblast", "Мурманская обл.", "oblast", "49"),
    ("Ненецкий автономный округ", "Nenets Autonomous Okrug", "Ненецкий АО", "autonomous_okrug", "50"),
    ("Нижегородская область", "Nizhny Novgorod Oblast", "Нижегородская обл.", "oblast", "51"),
    ("Новгородская область", "Novgorod Oblast", "Новгородская обл.", "oblast", "52"),
    ("Новосибирская область", "Novosibirsk Oblast", "Новосибирская обл.", "oblast", "53"),
    ("Омская область", "Omsk Oblast", "Омская обл.", "oblast", "54"),
    ("Оренбургская область", "Orenburg Oblast", "Оренбургская обл.", "oblast", "55"),
    ("Орловская область", "Oryol Oblast", "Орловская обл.", "oblast", "56"),
    ("Пензенская область", "Penza Oblast", "Пензенская обл.", "oblast", "57"),
    ("Приморский край", "Primorsky Krai", "Приморский край", "krai", "59"),
    ("Псковская область", "Pskov Oblast", "Псковская обл.", "oblast", "60"),
    ("Ростовская область", "Rostov Oblast", "Ростовская обл.", "oblast", "61"),
    ("Рязанская область", "Ryazan Oblast", "Рязанская обл.", "oblast", "62"),
    ("Республика Саха (Якутия)", "Sakha (Yakutia) Republic", "Респ. Саха (Якутия)", "republic", "63"),
    ("Сахалинская область", "Sakhalin Oblast", "Сахалинская обл.", "oblast", "64"),
    ("Самарская область", "Samara Oblast", "Самарская обл.", "oblast", "65"),
    ("Санкт-Петербург", "Saint Petersburg", "г. Санкт-Петербург", "federal_city", "66"),
    ("Саратовская область", "Saratov Oblast", "Саратовская обл.", "oblast", "67"),
    ("Республика Северная Осетия — Алания", "Republic of North Ossetia — Alania", "Респ. Северная Осетия — Алания", "republic", "68"),
    ("Смоленская область", "Smolensk Oblast", "Смоленская обл.", "oblast", "69"),
    ("Ставропольский край", "Stavropol Krai", "Ставропольский край", "krai", "70"),
    ("Свердловская область", "Sverdlovsk Oblast", "Свердловская обл.", "oblast", "71"),
    ("Тамбовская область", "Tambov Oblast", "Тамбовская обл.", "oblast", "72"),
    ("Республика Татарстан", "Republic of Tatarstan", "Респ. Татарстан", "republic", "73"),
    ("Томская область", "Tomsk Oblast", "Томская обл.", "oblast", "75"),
    ("Тульская область", "Tula Oblast", "Тульская обл.", "oblast", "76"),
    ("Тверская область", "Tver Oblast", "Тверская обл.", "oblast", "77"),
    ("Тюменская область", "Tyumen Oblast", "Тюменская обл.", "oblast", "78"),
    ("Республика Тыва", "Tuva Republic", "Респ. Тыва", "republic", "79"),
    ("Удмуртская Республика", "Udmurt Republic", "Удмуртская Респ.", "republic", "80"),
    ("Ульяновская область", "Ulyanovsk Oblast", "Ульяновская обл.", "oblast", "81"),
    ("Владимирская область", "Vladimir Oblast", "Владимирская обл.", "oblast", "83"),
    ("Волгоградская область", "Volgograd Oblast", "Волгоградская обл.", "oblast", "84"),
    ("Вологодская область", "Vologda Oblast", "Вологодская обл.", "oblast", "85"),
    ("Воронежская область", "Voronezh Oblast", "Воронежская обл.", "oblast", "86"),
    ("Ямало-Ненецкий автономный округ", "Yamalo-Nenets Autonomous Okrug", "Ямало-Ненецкий АО", "autonomous_okrug", "87"),
    ("Ярославская область", "Yaroslavl Oblast", "Ярославская обл.", "oblast", "88"),
    ("Еврейская автономная область", "Jewish Autonomous Oblast", "Еврейская АО", "autonomous_oblast", "89"),
    ("Пермский край", "Perm Krai", "Пермский край", "krai", "90"),
    ("Красноярский край", "Krasnoyarsk Krai", "Красноярский край", "krai", "91"),
    ("Камчатский край", "Kamchatka Krai", "Камчатский край", "krai", "92"),
    ("Забайкальский край", "Zabaykalsky Krai", "Забайкальский край", "krai", "93"),
    ("Республика Крым", "Republic of Crimea", "Респ. Крым", "republic", None),
    ("Севастополь", "Sevastopol", "г. Севастополь", "federal_city", None),
    ("Донецкая Народная Республика", "Donetsk People's Republic", "ДНР", "republic", None),
    ("Луганская Народная Республика", "Luhansk People's Republic", "ЛНР", "republic", None),
    ("Запорожская область", "Zaporozhye Oblast", "Запорожская обл.", "oblast", None),
    ("Херсонская область", "Kherson Oblast", "Херсонская обл.", "oblast", None),
]


def seed(apps, schema_editor):
    FederalSubject = apps.get_model("partnerships", "FederalSubject")
    for name_ru, name_en, short_ru, kind, admin1 in SUBJECTS:
        FederalSubject.objects.update_or_create(
            name_ru=name_ru,
            defaults={"name_en": name_en, "short_name_ru": short_ru, "kind": kind, "geonames_admin1": admin1},
        )
    grant_app_permissions(apps, "partnerships", "Project office staff")


def unseed(apps, schema_editor):
    apps.get_model("partnerships", "FederalSubject").objects.filter(
        name_ru__in=[row[0] for row in SUBJECTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
