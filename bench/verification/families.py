"""Where the false alarms come from, and what each family of checks alone catches.

Every problem the checker reports belongs to one family of checks (a name, a number, a date,
negation, a verb's opposite, a denial, who says it, the claim's attribution, an upper or lower
bound, a reported allegation). For the faithful claims of the chosen sets this prints, per family,
how many false alarms it takes part in and how many it alone causes; and for the injected
fabrications (``run.py``'s, same seeds), how many of each kind that family alone detects, so that
dropping it would miss them. A family that causes false alarms and alone detects nothing the
benchmark injects is one whose worth must come from elsewhere (a kind of error the benchmark does
not inject); one that alone detects a kind cannot go without that kind's detection falling.

    .venv/bin/python bench/verification/families.py [--set tuned|held-out|NAME ...]

Only totals are printed, for held-out sets as for tuned ones: no claim is named.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # the benchmark's sets, checker call and fabrications

FAMILIES = ("name", "number", "date", "negation", "opposite", "denial", "speaker", "attribution", "bound",
            "allegation")


def family(problem: str) -> str:
    """The family of checks a problem message comes from."""
    if problem.startswith("attribution"):
        return "attribution"
    if "does not have" in problem and "say it" in problem:
        return "speaker"
    if problem.startswith("stance") or "denial" in problem or "denies" in problem:
        return "denial"
    if "negated" in problem:
        return "negation"
    if "opposite" in problem or "is not what the cited Arabic says" in problem:
        return "opposite"
    if "bound" in problem:
        return "bound"
    if "allegation" in problem:
        return "allegation"
    if problem.startswith("number"):
        return "number"
    if problem.startswith("date"):
        return "date"
    return "name"


def measure(cases: list[run.Case]) -> tuple[list[set[str]], dict[str, list[set[str] | None]]]:
    """The families of each false alarm, and per fabrication kind the families of each injected
    fabrication (None: not detected), for claims the checker passes as they are."""
    false_alarms: list[set[str]] = []
    fabrications: dict[str, list[set[str] | None]] = collections.defaultdict(list)
    for case in cases:
        checked = run.run_check(case)
        if checked.status == "unverified":
            false_alarms.append({family(p) for p in checked.problems})
            continue
        for kind in run.KINDS:
            fab = run.fabricated(kind, case, random.Random(f"20171104:{case.claim.id}:{kind}"))
            if fab is None:
                continue
            fabrications[kind].append({family(p) for p in fab.problems} if fab.status == "unverified" else None)
    return false_alarms, fabrications


def report(title: str, claims: int, false_alarms: list[set[str]],
           fabrications: dict[str, list[set[str] | None]]) -> None:
    print(f"\n== {title}: {claims} faithful claims, {len(false_alarms)} false alarms "
          f"({100 * len(false_alarms) / max(claims, 1):.1f}%)")
    kinds = [k for k in run.KINDS if fabrications.get(k)]
    print(f"{'family':12} {'in FA':>6} {'alone':>6}   alone detects: " + " ".join(f"{k:>9}" for k in kinds))
    for fam in FAMILIES:
        together = sum(fam in f for f in false_alarms)
        alone = sum(f == {fam} for f in false_alarms)
        sole = [sum(1 for f in fabrications[k] if f == {fam}) for k in kinds]
        if together or any(sole):
            print(f"{fam:12} {together:6} {alone:6}   {'':15}" + " ".join(f"{n:9}" for n in sole))
    detected = [f"{k} {sum(f is not None for f in fabrications[k])}/{len(fabrications[k])}" for k in kinds]
    print("detected: " + ", ".join(detected))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", nargs="+", default=["tuned", "held-out"],
                    help="set names, or 'tuned' / 'held-out' for all of them pooled")
    args = ap.parse_args(argv)
    held_out = [s for s in run.SETS if s not in run.TUNED]
    for name in args.set:
        names = list(run.TUNED) if name == "tuned" else held_out if name == "held-out" else [name]
        cases = [c for s in names for c in run.load_set(s)]
        false_alarms, fabrications = measure(cases)
        label = "tuned sets (tuned on)" if name == "tuned" else \
            f"held-out sets ({', '.join(held_out)}; never tuned on)" if name == "held-out" else name
        report(label, len(cases), false_alarms, fabrications)
    return 0


if __name__ == "__main__":
    sys.exit(main())
