"""NLTK's VADER over every sentence of a JSON Lines corpus, the tone part a
user would add to the scikit-learn pipeline instead of `parallax compare`:
split each text into sentences, one polarity_scores call per sentence, mean
compound score per outlet.

    python3 bench/peers/nltk_vader.py corpus.jsonl --lexicon vader_lexicon.txt [--prefix-bytes N]

The lexicon is the VADER lexicon parallax embeds (written out by
`go run ./bench/vaderlex`), so nothing is downloaded. Sentences are split
with NLTK's punkt model when it is installed offline, otherwise with a
regular expression (a sentence ends at . ! or ? followed by white space and
a capital, digit or opening quote, or at a line break).

--prefix-bytes N reads only the whole lines within the first N bytes of the
file and reports how many bytes that was (to time a stated prefix and
extrapolate; bench/run.sh says so when it does).
Debian's python3-nltk (no PyPI, no nltk.download).
"""
import argparse
import gzip
import json
import os
import re
import sys
import time

from nltk.sentiment.vader import SentimentIntensityAnalyzer

SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")


def splitter():
    try:
        import nltk.data

        punkt = nltk.data.load("tokenizers/punkt/english.pickle")
        return punkt.tokenize, "punkt"
    except Exception:
        return (lambda text: [s for s in SPLIT.split(text) if s and not s.isspace()]), "regex"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--lexicon", required=True)
    ap.add_argument("--group", default="outlet")
    ap.add_argument("--text", default="text")
    ap.add_argument("--prefix-bytes", type=int, default=0)
    a = ap.parse_args()
    t0 = time.time()
    sia = SentimentIntensityAnalyzer(lexicon_file="file:" + os.path.abspath(a.lexicon))
    split, how = splitter()
    sums, counts = {}, {}
    docs = sentences = read = 0
    opener = gzip.open if a.corpus.endswith(".gz") else open
    with opener(a.corpus, "rb") as f:
        for line in f:
            if a.prefix_bytes and read + len(line) > a.prefix_bytes:
                break
            read += len(line)
            rec = json.loads(line)
            g = str(rec[a.group])
            docs += 1
            for s in split(rec[a.text]):
                c = sia.polarity_scores(s)["compound"]
                sums[g] = sums.get(g, 0.0) + c
                counts[g] = counts.get(g, 0) + 1
                sentences += 1
    for g in sorted(sums):
        print(f"{g}\t{counts[g]}\t{sums[g] / counts[g]:.4f}")
    total = os.path.getsize(a.corpus)
    print(f"vader: {docs} documents, {sentences} sentences ({how}), {read} of {total} bytes read, "
          f"{time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
