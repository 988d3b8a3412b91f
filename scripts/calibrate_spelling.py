"""Calibrate briefing.spelling.THRESHOLD on the gazetteer's (English, Arabic) place pairs.

True pairs: each place's English name against its own Arabic forms. Chance pairs: the same
English name against the Arabic forms of another place of about the same length (the shuffle is
seeded). Prints, for a range of thresholds, how many true pairs pass and how many chance pairs do.

    .venv/bin/python scripts/calibrate_spelling.py [--sample 4000]
"""

from __future__ import annotations

import argparse
import random

from briefing.arabic import fold
from briefing.names import gazetteer
from briefing.spelling import renders


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=4000)
    args = parser.parse_args()
    rng = random.Random(7)
    places = [(en, [fold(f) for f in forms if " " not in f.strip()])
              for en, forms in gazetteer()["places"].items()]
    places = [(en, forms) for en, forms in places if forms and len(en) >= 4]
    sample = rng.sample(places, min(args.sample, len(places)))
    by_len: dict[int, list[list[str]]] = {}
    for _, forms in places:
        by_len.setdefault(len(forms[0]), []).append(forms)
    true: list[tuple[str, list[str]]] = []
    chance: list[tuple[str, list[str]]] = []
    for en, forms in sample:
        true.append((en, forms))
        other = rng.choice(by_len[len(forms[0])])
        if other is not forms:
            chance.append((en, other))
    print(f"{len(true)} true pairs, {len(chance)} chance pairs (same Arabic length)")
    for t in (0.15, 0.2, 0.25, 0.3, 0.34, 0.4, 0.45, 0.5):
        tp = sum(any(renders(en, f, t) for f in forms) for en, forms in true) / len(true)
        fp = sum(any(renders(en, f, t) for f in forms) for en, forms in chance) / len(chance)
        print(f"threshold {t:.2f}: true pairs pass {tp:6.1%}, chance pairs pass {fp:6.2%}")


if __name__ == "__main__":
    main()
