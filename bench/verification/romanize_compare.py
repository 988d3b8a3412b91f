"""Cross-script name matching: uroman + rapidfuzz against the guard's consonant skeletons.

Pairs are the (English, Arabic) person and place facts of the tuning and dev sets (the untuned
set is not read). A method should accept the true pair (the English name against the Arabic it
translates) and refuse a false one (the same English name against the Arabic of another pair of
the same kind). Transliterations only: facts whose English is a translation (a gloss or
registry match) are scored too, which is why neither method reaches 100%.

    PYTHONPATH=... .venv/bin/python bench/verification/romanize_compare.py
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

import yaml

from briefing.arabic import fold
from briefing.guard import _skeleton_en, _translit_supported

HERE = Path(__file__).resolve().parent


def pairs() -> list[tuple[str, str]]:
    out = []
    for name in ("tuning.yaml", "dev.yaml"):
        path = HERE / name
        if not path.exists():
            continue
        for art in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]:
            for claim in art["claims"]:
                for f in claim.get("facts") or []:
                    if f["kind"] in ("person", "place") and re.fullmatch(r"[A-Z][\w' -]+", f["en"]):
                        out.append((f["en"], f["ar"]))
    return sorted(set(out))


def uroman_match(uroman, en: str, ar: str, threshold: float = 75.0) -> bool:
    from rapidfuzz import fuzz

    rom = uroman.romanize_string(ar).lower()
    target = "".join(_skeleton_en(w) for w in en.split())
    cands = {"".join(_skeleton_en(w) for w in rom.split()[i:j]) for i in range(len(rom.split()))
             for j in range(i + 1, min(i + 4, len(rom.split()) + 1))}
    return any(c == target or (len(target) >= 3 and fuzz.ratio(c, target) >= threshold) for c in cands)


def main() -> int:
    import uroman as ur

    t = time.perf_counter()
    u = ur.Uroman()
    load = time.perf_counter() - t
    ps = pairs()
    rng = random.Random(1)
    false = [(en, rng.choice([a for e, a in ps if e != en])) for en, _ in ps]
    for label, fn in (("skeleton", lambda en, ar: _translit_supported(en, fold(ar))),
                      ("uroman", lambda en, ar: uroman_match(u, en, ar))):
        t = time.perf_counter()
        tp = sum(fn(en, ar) for en, ar in ps)
        fp = sum(fn(en, ar) for en, ar in false)
        ms = 1000 * (time.perf_counter() - t) / (2 * len(ps))
        print(f"{label:<9} true pairs accepted {tp}/{len(ps)} = {100 * tp / len(ps):.1f}%   "
              f"false pairs accepted {fp}/{len(false)} = {100 * fp / len(false):.1f}%   {ms:.2f} ms per pair")
    print(f"uroman load: {load:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
