"""Which criterion a row's words are about: BM25 over the catalog's criterion names and indicators.

Texts are folded (no diacritics, lower case) so a plan typed without diacritics, or read by OCR,
scores like a well-typed one. Terms are syllables and syllable bigrams: Vietnamese words are mostly
two syllables ("giáo viên", "học sinh"), and bigrams keep "hồ sơ" apart from "hồ" and "sơ".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from caitien.catalog import registry
from caitien.text import fold

# Syllables that appear everywhere in plans and indicators and say nothing about the topic.
STOPWORDS = frozenset(
    """
    va cua cac cho co duoc trong theo voi de la mot nhung nay tu tai ve khi da se dang thi ma hoac
    nhu ra vao tren duoi den sau truoc cung nham tot hon moi hang nam thuc hien dam bao bao dam quy dinh
    nha truong tiep tuc nang cao tang cuong xay dung ke hoach muc tieu chi chuan it nhat lien tiep tinh
    thoi diem danh gia phu hop yeu cau day du kip hieu qua
    """.split()
)

K1 = 1.2
B = 0.75


def terms(text: str) -> list[str]:
    """Folded syllables (stopwords dropped) and bigrams of adjacent syllables (stopwords kept)."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    unigrams = [w for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 1]
    bigrams = [
        f"{a}_{b}" for a, b in zip(words, words[1:], strict=False) if not (a in STOPWORDS and b in STOPWORDS)
    ]
    return unigrams + bigrams


@dataclass(frozen=True)
class _Index:
    codes: tuple[str, ...]
    tf: tuple[Counter, ...]
    lengths: tuple[int, ...]
    idf: dict
    avg_length: float


@cache
def _index(slug: str) -> _Index:
    regulation = registry.get(slug)
    codes, tfs, lengths = [], [], []
    for criterion in regulation.criteria:
        # The name says what the criterion is about; count it twice so it outweighs a long indicator.
        text = " ".join([criterion.name, criterion.name, *(i.text for i in criterion.indicators)])
        counts = Counter(terms(text))
        codes.append(criterion.code)
        tfs.append(counts)
        lengths.append(sum(counts.values()))
    df = Counter(t for counts in tfs for t in counts)
    n = len(codes)
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    return _Index(tuple(codes), tuple(tfs), tuple(lengths), idf, sum(lengths) / max(n, 1))


def scores(slug: str, text: str) -> dict[str, float]:
    """BM25 score of `text` against every criterion of the regulation."""
    index = _index(slug)
    query = Counter(terms(text))
    result = {}
    for code, counts, length in zip(index.codes, index.tf, index.lengths, strict=True):
        norm = K1 * (1 - B + B * length / index.avg_length)
        score = 0.0
        for term in query:
            f = counts.get(term)
            if f:
                score += index.idf[term] * f * (K1 + 1) / (f + norm)
        result[code] = score
    return result


@cache
def _indicator_terms(slug: str) -> tuple[tuple[str, tuple[tuple[frozenset, dict, float], ...]], ...]:
    """Per criterion, each indicator's terms with their idf weights: read once per regulation, not
    once per row (folding and splitting the catalog's texts was most of the checker's time)."""
    index = _index(slug)
    out = []
    for criterion in registry.get(slug).criteria:
        indicators = []
        for indicator in criterion.indicators:
            wanted = frozenset(terms(indicator.text))
            idf = {t: index.idf.get(t, 0.0) for t in wanted}
            weight = sum(idf.values())
            if len(wanted) < 6 or not weight:
                continue  # too short to say anything ("Hoạt động theo quy định;")
            indicators.append((wanted, idf, weight))
        out.append((criterion.code, tuple(indicators)))
    return tuple(out)


def clear_caches() -> None:
    """Forgets what was read from the catalog (called when the catalog is loaded again)."""
    _index.cache_clear()
    _indicator_terms.cache_clear()


def coverage(slug: str, text: str) -> dict[str, float]:
    """Per criterion, the largest share (idf-weighted) of one indicator's terms found in `text`:
    1.0 means the text repeats an indicator almost word for word."""
    query = set(terms(text))
    result = {}
    for code, indicators in _indicator_terms(slug):
        best = 0.0
        for wanted, idf, weight in indicators:
            best = max(best, sum(idf[t] for t in wanted if t in query) / weight)
        result[code] = best
    return result


# Words of criterion names that say nothing ("Đối với ..." folds to "doi voi", like "Đội").
_NAME_NOISE = frozenset({"doi", "voi", "doi_voi"})


def _name_terms(slug: str, code: str) -> set[str]:
    criterion = registry.get(slug).criterion(code)
    if not criterion:
        return set()
    # Bigrams only: "giáo viên" names a subject, "giáo" alone also matches "giáo dục".
    return {t for t in terms(criterion.name) if "_" in t and not set(t.split("_")) & _NAME_NOISE}


@dataclass(frozen=True)
class Fit:
    filed: str
    best: str
    reason: str  # "indicator": repeats an indicator of `best`; "topic": about `best`'s subject


# Thresholds, chosen so that a careful reader agrees with every finding: a row that repeats
# another criterion's indicator, or whose words score far above the filed criterion AND name
# the other criterion's subject but not the filed one's.
COVER_BEST = 0.7
COVER_FILED = 0.35
TOPIC_BEST = 30.0
TOPIC_RATIO = 6.0


def misfiled(slug: str, code: str, text: str) -> Fit | None:
    """The criterion the text fits clearly better than `code`, or None when `code` is plausible."""
    covered = coverage(slug, text)
    if code not in covered:
        return None
    best = max(covered, key=covered.get)
    if best != code and covered[best] >= COVER_BEST and covered[code] < COVER_FILED:
        return Fit(filed=code, best=best, reason="indicator")
    table = scores(slug, text)
    best = max(table, key=table.get)
    if best == code or table[best] < TOPIC_BEST or table[best] < TOPIC_RATIO * table[code]:
        return None
    row_terms = set(terms(text))
    if _name_terms(slug, best) & row_terms and not _name_terms(slug, code) & row_terms:
        return Fit(filed=code, best=best, reason="topic")
    return None
