"""Measure near-duplicate detection on a corpus day: MinHash LSH (what briefing uses) vs TF-IDF cosine.

    .venv/bin/python bench/cluster_compare.py ../shared/corpus/saudinewsnet/2015-07-23.zip

Needs scikit-learn (not a dependency of briefing: `pip install scikit-learn`). Prints, for each
method, the time, how many articles have a near-duplicate, and the agreement of the two pairings.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.arabic import fold
from briefing.cluster import NUM_PERM, THRESHOLD, _shingles
from briefing.ingest import ingest


def minhash_pairs(texts: list[str]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = []
    for i, t in enumerate(texts):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(_shingles(t)))
        hashes.append(m)
        lsh.insert(i, m)
    return {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m)
            if j != i and hashes[i].jaccard(hashes[j]) >= THRESHOLD}


def tfidf_pairs(texts: list[str], cutoff: float) -> set[tuple[int, int]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).tocoo()
    return {(int(i), int(j)) for i, j, v in zip(sims.row, sims.col, sims.data, strict=True) if i < j and v >= cutoff}


def main() -> None:
    corpus = ingest([Path(sys.argv[1])])
    t0 = time.perf_counter()
    texts = [fold(a.text) for a in corpus.articles]
    t_fold = time.perf_counter() - t0
    results = {}
    t0 = time.perf_counter()
    results["minhash"] = minhash_pairs(texts)
    t_mh = time.perf_counter() - t0
    t0 = time.perf_counter()
    results["tfidf"] = tfidf_pairs(texts, 0.7)
    t_tf = time.perf_counter() - t0
    n = len(texts)
    print(f"{n} articles; normalization {t_fold:.2f} s")
    for name, pairs, secs in (("minhash", results["minhash"], t_mh), ("tfidf>=0.7", results["tfidf"], t_tf)):
        dup = {i for p in pairs for i in p}
        print(f"{name:<11} {secs:6.2f} s  pairs {len(pairs):5d}  articles with a near-duplicate {len(dup)} "
              f"({100 * len(dup) / n:.1f}%)")
    a, b = results["minhash"], results["tfidf"]
    print(f"agreement: {len(a & b)} pairs in both, {len(a - b)} only MinHash, {len(b - a)} only TF-IDF")


if __name__ == "__main__":
    main()
