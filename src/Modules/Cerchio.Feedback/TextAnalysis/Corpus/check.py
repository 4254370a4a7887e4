#!/usr/bin/env python3
"""Validate the Cerchio feedback corpus and print its counts.

Usage (from this folder):
    python3 check.py                 validate everything, print counts
    python3 check.py --write-readme  also rewrite the counts section of README.md

Standard library only. Exits with status 1 on any violation.
"""
import csv
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

CORPUS_HEADER = ["language", "sentiment", "emotions", "topics", "text"]
LANGUAGES = ["it", "en"]
SENTIMENTS = ["negative", "neutral", "positive"]
EMOTIONS = ["anger", "frustration", "disappointment", "worry", "satisfaction", "gratitude"]
TOPICS = [
    "delivery_times", "courtesy", "competence", "price", "product_quality", "billing",
    "communication", "phone_wait", "technical_support", "quote", "website",
]

# Minimums from the corpus brief.
MIN_ROWS = {"train.tsv": 3000, "eval.tsv": 700}
MIN_TOPIC = {"train.tsv": 120, "eval.tsv": 25}
MIN_EMOTION = {"train.tsv": 100, "eval.tsv": 20}
CROSS_JACCARD = 0.8      # train/eval pairs at or above this: violation
WITHIN_JACCARD = 0.9     # pairs inside one file at or above this ...
WITHIN_MAX_SHARE = 0.01  # ... must be fewer than 1% of the rows

LEXICON_MIN = {"lexicon-it.tsv": 600, "lexicon-en.tsv": 300}
MODIFIER_KINDS = ["negator", "intensifier", "diminisher"]
MODIFIERS_MIN = 60
TOPIC_TERMS_MIN = {"it": 25, "en": 12}

errors = []
warnings = []


def error(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def read_tsv(name):
    """Rows of a TSV as lists of fields (header included), or None if missing."""
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        error(f"{name}: file missing")
        return None
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        error(f"{name}: not valid UTF-8 ({e})")
        return None
    if text.startswith("\ufeff"):
        error(f"{name}: starts with a BOM")
        text = text[1:]
    if "\r" in text:
        error(f"{name}: contains carriage returns (use LF line endings)")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        warn(f"{name}: no newline at end of file")
    return [line.split("\t") for line in lines]


def split_labels(field):
    return [x for x in field.split(",")] if field else []


def normalize(text):
    """Lower case, accents stripped, whitespace collapsed: for duplicate detection."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.split())


TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def tokens(text):
    return frozenset(TOKEN_RE.findall(normalize(text)))


def similar_pairs(sets_a, sets_b, threshold, same):
    """Pairs (i, j, jaccard) with token Jaccard >= threshold.

    Prefix filtering: order each set's tokens from rarest to commonest; two sets
    with Jaccard >= t must share a token among the first |x| - ceil(t*|x|) + 1
    tokens of each.  Candidates are then checked exactly.
    """
    df = Counter()
    for s in sets_a:
        df.update(s)
    if not same:
        for s in sets_b:
            df.update(s)

    def ordered(s):
        return sorted(s, key=lambda tok: (df[tok], tok))

    def prefix(s):
        n = len(s)
        return ordered(s)[: n - math.ceil(threshold * n) + 1] if n else []

    index = defaultdict(list)
    for j, s in enumerate(sets_b):
        for tok in prefix(s):
            index[tok].append(j)
    found = []
    for i, s in enumerate(sets_a):
        if not s:
            continue
        seen = set()
        for tok in prefix(s):
            for j in index.get(tok, ()):
                if same and j <= i:
                    continue
                if j in seen:
                    continue
                seen.add(j)
                o = sets_b[j]
                small, big = sorted((len(s), len(o)))
                if small < threshold * big:
                    continue
                inter = len(s & o)
                jac = inter / (len(s) + len(o) - inter)
                if jac >= threshold:
                    found.append((i, j, jac))
    return found


def check_corpus(name):
    rows = read_tsv(name)
    if rows is None:
        return None
    if not rows:
        error(f"{name}: empty file")
        return None
    if rows[0] != CORPUS_HEADER:
        error(f"{name}: header is {rows[0]!r}, expected {CORPUS_HEADER!r}")
    records = []
    for n, fields in enumerate(rows[1:], start=2):
        where = f"{name}:{n}"
        if len(fields) != 5:
            error(f"{where}: {len(fields)} columns, expected 5")
            continue
        lang, sent, emo, top, text = fields
        if lang not in LANGUAGES:
            error(f"{where}: language {lang!r} not in {LANGUAGES}")
        if sent not in SENTIMENTS:
            error(f"{where}: sentiment {sent!r} not in {SENTIMENTS}")
        emos = split_labels(emo)
        tops = split_labels(top)
        for e in emos:
            if e not in EMOTIONS:
                error(f"{where}: emotion {e!r} not in vocabulary")
        for t in tops:
            if t not in TOPICS:
                error(f"{where}: topic {t!r} not in vocabulary")
        if len(set(emos)) != len(emos):
            error(f"{where}: repeated emotion in {emo!r}")
        if len(set(tops)) != len(tops):
            error(f"{where}: repeated topic in {top!r}")
        if not text.strip():
            error(f"{where}: empty text")
            continue
        if text != text.strip():
            error(f"{where}: leading or trailing whitespace in text")
        if sent == "positive" and set(emos) & {"anger", "frustration"}:
            warn(f"{where}: positive comment labelled {emo}")
        if sent == "negative" and set(emos) and set(emos) <= {"satisfaction", "gratitude"}:
            warn(f"{where}: negative comment with only positive emotions ({emo})")
        records.append({"line": n, "lang": lang, "sent": sent, "emos": emos,
                        "tops": tops, "text": text})

    seen = {}
    for r in records:
        key = normalize(r["text"])
        if key in seen:
            error(f"{name}:{r['line']}: duplicate of line {seen[key]}: {r['text']!r}")
        else:
            seen[key] = r["line"]

    sets = [tokens(r["text"]) for r in records]
    pairs = similar_pairs(sets, sets, WITHIN_JACCARD, same=True)
    limit = WITHIN_MAX_SHARE * len(records)
    for i, j, jac in pairs:
        warn(f"{name}: near-duplicate lines {records[i]['line']} and {records[j]['line']} "
             f"(Jaccard {jac:.2f}): {records[i]['text']!r} / {records[j]['text']!r}")
    if len(pairs) >= limit:
        error(f"{name}: {len(pairs)} near-duplicate pairs (Jaccard >= {WITHIN_JACCARD}), "
              f"must be under 1% of rows ({limit:.0f})")

    if len(records) < MIN_ROWS.get(name, 0):
        error(f"{name}: {len(records)} rows, at least {MIN_ROWS[name]} required")
    return records


def counts(records):
    c = {
        "rows": len(records),
        "language": Counter(r["lang"] for r in records),
        "sentiment": Counter(r["sent"] for r in records),
        "sentiment_by_language": Counter((r["lang"], r["sent"]) for r in records),
        "emotion": Counter(e for r in records for e in r["emos"]),
        "topic": Counter(t for r in records for t in r["tops"]),
        "no_emotion": sum(1 for r in records if not r["emos"]),
        "no_topic": sum(1 for r in records if not r["tops"]),
        "multi_topic": sum(1 for r in records if len(r["tops"]) >= 2),
        "words": [len(r["text"].split()) for r in records],
    }
    return c


def check_balance(name, c):
    for t in TOPICS:
        if c["topic"][t] < MIN_TOPIC[name]:
            error(f"{name}: topic {t} appears {c['topic'][t]} times, at least {MIN_TOPIC[name]} required")
    for e in EMOTIONS:
        if c["emotion"][e] < MIN_EMOTION[name]:
            error(f"{name}: emotion {e} appears {c['emotion'][e]} times, at least {MIN_EMOTION[name]} required")
    n = c["rows"] or 1
    for s, target in (("negative", 0.4), ("neutral", 0.2), ("positive", 0.4)):
        share = c["sentiment"][s] / n
        if abs(share - target) > 0.05:
            warn(f"{name}: {s} is {share:.1%} of rows (target about {target:.0%})")
    it_share = c["language"]["it"] / n
    if abs(it_share - 0.8) > 0.05:
        warn(f"{name}: Italian is {it_share:.1%} of rows (target about 80%)")


def check_cross(train, evalr):
    a = [tokens(r["text"]) for r in evalr]
    b = [tokens(r["text"]) for r in train]
    train_keys = {normalize(r["text"]): r["line"] for r in train}
    for r in evalr:
        k = normalize(r["text"])
        if k in train_keys:
            error(f"eval.tsv:{r['line']}: same text as train.tsv:{train_keys[k]}: {r['text']!r}")
    for i, j, jac in similar_pairs(a, b, CROSS_JACCARD, same=False):
        error(f"eval.tsv:{evalr[i]['line']} near-duplicates train.tsv:{train[j]['line']} "
              f"(Jaccard {jac:.2f}): {evalr[i]['text']!r} / {train[j]['text']!r}")


def check_lexicon(name):
    rows = read_tsv(name)
    if rows is None:
        return 0
    if not rows or rows[0] != ["term", "score"]:
        error(f"{name}: header must be 'term<TAB>score'")
    seen = {}
    n_ok = 0
    for n, fields in enumerate(rows[1:], start=2):
        where = f"{name}:{n}"
        if len(fields) != 2:
            error(f"{where}: {len(fields)} columns, expected 2")
            continue
        term, score = fields
        if not term or term != term.strip() or "  " in term:
            error(f"{where}: bad term {term!r}")
        if term != term.lower():
            error(f"{where}: term {term!r} must be lower case")
        if not re.fullmatch(r"-?[0-3]", score):
            error(f"{where}: score {score!r} must be an integer from -3 to 3")
        elif score in ("0", "-0"):
            error(f"{where}: score 0 carries no polarity, drop the term")
        if term in seen:
            error(f"{where}: term {term!r} repeats line {seen[term]}")
        seen[term] = n
        n_ok += 1
    if n_ok < LEXICON_MIN[name]:
        error(f"{name}: {n_ok} entries, at least {LEXICON_MIN[name]} required")
    return n_ok


def check_modifiers():
    name = "modifiers.tsv"
    rows = read_tsv(name)
    if rows is None:
        return Counter()
    if not rows or rows[0] != ["language", "kind", "term", "factor"]:
        error(f"{name}: header must be 'language<TAB>kind<TAB>term<TAB>factor'")
    seen = {}
    c = Counter()
    for n, fields in enumerate(rows[1:], start=2):
        where = f"{name}:{n}"
        if len(fields) != 4:
            error(f"{where}: {len(fields)} columns, expected 4")
            continue
        lang, kind, term, factor = fields
        if lang not in LANGUAGES:
            error(f"{where}: language {lang!r}")
        if kind not in MODIFIER_KINDS:
            error(f"{where}: kind {kind!r} not in {MODIFIER_KINDS}")
        if not term or term != term.strip() or term != term.lower():
            error(f"{where}: bad term {term!r}")
        try:
            f = float(factor)
        except ValueError:
            error(f"{where}: factor {factor!r} is not a number")
            continue
        if kind == "negator" and f not in (-1.0, -0.5):
            error(f"{where}: negator factor must be -1 or -0.5, got {factor}")
        if kind == "intensifier" and not (1.0 < f <= 3.0):
            error(f"{where}: intensifier factor must be in (1, 3], got {factor}")
        if kind == "diminisher" and not (0.0 < f < 1.0):
            error(f"{where}: diminisher factor must be in (0, 1), got {factor}")
        key = (lang, term)
        if key in seen:
            error(f"{where}: {lang} term {term!r} repeats line {seen[key]}")
        seen[key] = n
        c[(lang, kind)] += 1
    if sum(c.values()) < MODIFIERS_MIN:
        error(f"{name}: {sum(c.values())} rows, at least {MODIFIERS_MIN} required")
    return c


def check_topic_terms():
    name = "topics.tsv"
    rows = read_tsv(name)
    if rows is None:
        return Counter()
    if not rows or rows[0] != ["language", "topic", "term"]:
        error(f"{name}: header must be 'language<TAB>topic<TAB>term'")
    seen = {}
    c = Counter()
    for n, fields in enumerate(rows[1:], start=2):
        where = f"{name}:{n}"
        if len(fields) != 3:
            error(f"{where}: {len(fields)} columns, expected 3")
            continue
        lang, topic, term = fields
        if lang not in LANGUAGES:
            error(f"{where}: language {lang!r}")
        if topic not in TOPICS:
            error(f"{where}: topic {topic!r} not in vocabulary")
        if not term or term != term.strip() or term != term.lower():
            error(f"{where}: bad term {term!r}")
        key = (lang, topic, term)
        if key in seen:
            error(f"{where}: repeats line {seen[key]}")
        seen[key] = n
        c[(lang, topic)] += 1
    for lang in LANGUAGES:
        for t in TOPICS:
            if c[(lang, t)] < TOPIC_TERMS_MIN[lang]:
                error(f"{name}: {lang}/{t} has {c[(lang, t)]} terms, at least {TOPIC_TERMS_MIN[lang]} required")
    return c


def report(name, c):
    out = []
    w = sorted(c["words"])
    out.append(f"### {name}")
    out.append("")
    out.append(f"- rows: {c['rows']} "
               f"(it {c['language']['it']}, en {c['language']['en']}); "
               f"words per comment min {w[0]}, median {w[len(w) // 2]}, max {w[-1]}"
               if w else f"- rows: 0")
    out.append(f"- with two or more topics: {c['multi_topic']}; without topic: {c['no_topic']}; "
               f"without emotion: {c['no_emotion']}")
    out.append("")
    out.append("| sentiment | all | it | en | share |")
    out.append("|---|---:|---:|---:|---:|")
    for s in SENTIMENTS:
        out.append(f"| {s} | {c['sentiment'][s]} | {c['sentiment_by_language'][('it', s)]} | "
                   f"{c['sentiment_by_language'][('en', s)]} | {c['sentiment'][s] / max(c['rows'], 1):.1%} |")
    out.append("")
    out.append("| topic | count |")
    out.append("|---|---:|")
    for t in TOPICS:
        out.append(f"| {t} | {c['topic'][t]} |")
    out.append("")
    out.append("| emotion | count |")
    out.append("|---|---:|")
    for e in EMOTIONS:
        out.append(f"| {e} | {c['emotion'][e]} |")
    out.append("")
    return out


def main():
    write_readme = "--write-readme" in sys.argv[1:]
    train = check_corpus("train.tsv")
    evalr = check_corpus("eval.tsv")
    lines = []
    stats = {}
    for name, recs in (("train.tsv", train), ("eval.tsv", evalr)):
        if recs is not None:
            stats[name] = counts(recs)
            check_balance(name, stats[name])
            lines += report(name, stats[name])
    if train is not None and evalr is not None:
        check_cross(train, evalr)

    lex = {n: check_lexicon(n) for n in ("lexicon-it.tsv", "lexicon-en.tsv")}
    mods = check_modifiers()
    topic_terms = check_topic_terms()
    lines.append("### lexicons, modifiers, topic terms")
    lines.append("")
    for n, k in lex.items():
        lines.append(f"- {n}: {k} terms")
    for lang in LANGUAGES:
        lines.append(f"- modifiers.tsv ({lang}): " + ", ".join(
            f"{mods[(lang, k)]} {k}s" for k in MODIFIER_KINDS))
    for lang in LANGUAGES:
        lines.append(f"- topics.tsv ({lang}): {sum(v for (l, _), v in topic_terms.items() if l == lang)} terms, "
                     f"fewest per topic {min((topic_terms[(lang, t)] for t in TOPICS), default=0)}")
    lines.append("")

    print("\n".join(lines))
    for w_ in warnings:
        print("warning:", w_)
    for e in errors:
        print("ERROR:", e)

    if write_readme and not errors:
        path = os.path.join(HERE, "README.md")
        with open(path, encoding="utf-8") as f:
            readme = f.read()
        start, end = "<!-- counts:start -->", "<!-- counts:end -->"
        if start in readme and end in readme:
            head, rest = readme.split(start, 1)
            _, tail = rest.split(end, 1)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(head + start + "\n" + "\n".join(lines).rstrip() + "\n" + end + tail)
            print("README.md counts updated")
        else:
            error("README.md has no counts markers")
            print("ERROR: README.md has no counts markers")

    if errors:
        print(f"\n{len(errors)} violation(s)")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
