"""Check seeds/reference-responses.yaml: schema, verbatim Arabic quotes, claim ids.

Run: cd /work/main && .venv/bin/python scripts/check_reference.py
"""

import hashlib
import sys
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
sys.path.insert(0, str(SEEDS.parent))  # the repo root, so `briefing` imports when run as a script

from briefing.models import ArticleDraft, BriefingDraft  # noqa: E402


def main() -> int:
    data = yaml.safe_load((SEEDS / "reference-responses.yaml").read_text(encoding="utf-8"))
    texts = {}
    for f in sorted(SEEDS.glob("*.txt")):
        raw = f.read_bytes()
        texts[hashlib.sha256(raw).hexdigest()[:16]] = raw.decode("utf-8")

    errors: list[str] = []
    claim_ids: set[str] = set()
    for aid, entry in data["articles"].items():
        if aid not in texts:
            errors.append(f"{aid}: no seeds/*.txt file has this id")
            continue
        draft = ArticleDraft.model_validate(entry)
        text = texts[aid]
        for n, claim in enumerate(draft.claims, 1):
            claim_ids.add(f"{aid}-c{n}")
            for q in claim.evidence:
                if q not in text:
                    errors.append(f"{aid}-c{n}: evidence not verbatim: {q!r}")
        for fig in draft.figures:
            if fig.quote_ar not in text:
                errors.append(f"{aid}: figure {fig.number} quote not verbatim: {fig.quote_ar!r}")
        for name in [e.name_ar for e in draft.entities] + [p.name_ar for p in draft.places]:
            if name not in text:
                errors.append(f"{aid}: name not in article: {name!r}")
        for d in draft.dates:
            if d.text_ar not in text:
                errors.append(f"{aid}: date not in article: {d.text_ar!r}")
        print(f"{aid}: {len(draft.claims)} claims, headline {len(draft.headline_en.split())} words")

    brief = BriefingDraft.model_validate(data["briefing"])
    for point in brief.bluf:
        for cid in point.claim_ids:
            if cid not in claim_ids:
                errors.append(f"bluf cites unknown claim id {cid}")
    sectioned = [a for s in brief.sections for a in s.article_ids]
    if sorted(sectioned) != sorted(data["articles"]):
        errors.append(f"sections must hold every article exactly once, got {sectioned}")

    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
