"""The scikit-learn pipeline a user would write instead of `parallax terms`
(and the similarity part of `parallax compare`): read the JSON Lines corpus,
count terms per document with CountVectorizer, sum the counts per outlet,
TF-IDF over the outlets, cosine similarity between outlets, and the top
terms of each outlet.

    python3 bench/peers/sklearn_terms.py corpus.jsonl [--group outlet] [--text text]

Documents are streamed into CountVectorizer (a generator), so the texts are
not all held in memory at once; the document-term matrix is.
Debian's python3-sklearn (no PyPI needed).
"""
import argparse
import gzip
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics.pairwise import cosine_similarity


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--group", default="outlet")
    ap.add_argument("--text", default="text")
    ap.add_argument("--top", type=int, default=10)
    a = ap.parse_args()
    t0 = time.time()

    groups, index = [], {}

    def texts():
        opener = gzip.open if a.corpus.endswith(".gz") else open
        with opener(a.corpus, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                groups.append(index.setdefault(str(rec[a.group]), len(index)))
                yield rec[a.text]

    cv = CountVectorizer(stop_words="english")
    X = cv.fit_transform(texts())  # documents × terms
    n = len(groups)
    member = sp.csr_matrix((np.ones(n), (groups, np.arange(n))), shape=(len(index), n))
    G = (member @ X).tocsr()  # outlets × terms: summed counts
    T = TfidfTransformer().fit_transform(G)
    S = cosine_similarity(T)
    vocab = cv.get_feature_names_out()
    names = sorted(index, key=index.get)
    out = sys.stdout
    for g, name in enumerate(names):
        row = T.getrow(g).toarray().ravel()
        top = np.argsort(-row)[: a.top]
        nearest = [names[j] for j in np.argsort(-S[g]) if j != g][:1]
        out.write(f"{name}\t{', '.join(vocab[top])}\tnearest: {nearest[0] if nearest else 'n/a'}\n")
    print(f"sklearn: {n} documents, {len(index)} groups, {len(vocab)} terms, "
          f"{X.nnz} non-zero cells, {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
