"""Words of OCR table lines for `text_columns`: the borders read between them, border noise dropped,
word pieces cut by narrow columns, and the criterion label at a row's start."""

from __future__ import annotations

import re
from dataclasses import dataclass

from caitien.planfile import vietnamese as vn

_NOISE_TOKEN = re.compile(r"[\[\]\(\)\\/_|~{}]+")
_LEADING_BORDER = re.compile(r"^[\[\\{]+(?=\S)")
_VOWELS = set("aeiouy")
_LABEL_TOP = re.compile(r"^t[il1]eu$")
_LABEL_CODE = re.compile(r"^ch[il1]$")
_CODE = re.compile(r"^\d{1,2}\.\d{1,2}\.?$")


@dataclass
class Word:
    text: str
    border_before: bool  # a border was read right before this word


def tokens(line: str) -> list[Word]:
    """The words of one OCR line, with the borders read between them; border noise dropped."""
    text = vn.nfc(line)
    # A "(" with no ")" after it, glued between two letters, is a border misread: "4.2(tot".
    text = re.sub(r"(?<=\w)\((?=\w)(?![^()]*\))", " | ", text)
    # A "/" between a lower-case word and a capitalised one is a border misread: "lo/Huy".
    text = _split_slash(text)
    words: list[Word] = []
    border = False
    for raw in text.replace("|", " | ").split():
        if _NOISE_TOKEN.fullmatch(raw):
            border = True
            continue
        stripped = _LEADING_BORDER.sub("", raw).strip("_")
        if stripped != raw:
            border = True
        if stripped:
            words.append(Word(stripped, border and bool(words)))
            border = False
    # Margin noise: a lone consonant at the left edge ("r theo quy"), a lone vowel at the right edge.
    if len(words) > 1 and _lone_letter(words[0].text) and not _has_vowel(words[0].text):
        words[1].border_before = False
        words = words[1:]
    if len(words) > 1 and _lone_letter(words[-1].text) and _has_vowel(words[-1].text):
        words = words[:-1]
    return words


def _split_slash(text: str) -> str:
    def repl(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        return f"{left} | {right}" if right[:1].isupper() and left[-1:].islower() else m.group(0)

    return re.sub(r"(\w+)/(\w+)", repl, text)


def _lone_letter(text: str) -> bool:
    return len(text) == 1 and text.isalpha()


def _has_vowel(text: str) -> bool:
    return any(ch in _VOWELS for ch in vn.fold_same_length(text.lower()))


def is_tail(text: str) -> bool:
    """A piece that cannot be a syllable of its own: no vowel, at most three characters, no digit."""
    core = text.rstrip(".,;:")
    return 0 < len(core) <= 3 and not any(ch.isdigit() for ch in core) and not _has_vowel(core)


def continues_word(above: str, piece: str) -> bool:
    """Whether `piece` is the rest of the last word of `above`, cut by a narrow column: a tail
    in the same case as the letters it goes on ("Khon" + "g", "CM" + "HS")."""
    if not is_tail(piece) or not above[-1:].isalpha():
        return False
    letter = next((ch for ch in piece if ch.isalpha()), "")
    if not letter:
        return True  # an OCR sign for a letter ("£")
    return letter.isupper() == above[-1].isupper()


def split_label(lines: list[list[Word]]) -> tuple[str, list[list[Word]]]:
    """Take the criterion label ("Tieu" / "chi 1.3") off the starts of a row's first lines."""
    label: list[str] = []
    out = [list(ws) for ws in lines]
    for n in range(min(3, len(out))):
        ws = out[n]
        if ws and _LABEL_TOP.match(vn.fold_same_length(ws[0].text.lower())) and n == 0:
            label.append(ws[0].text)
            out[n] = ws[1:]
            ws = out[n]
            if ws and _LABEL_CODE.match(vn.fold_same_length(ws[0].text.lower())):
                label.append(ws[0].text)
                out[n] = ws[1:]
                ws = out[n]
        elif ws and _LABEL_CODE.match(vn.fold_same_length(ws[0].text.lower())):
            label.append(ws[0].text)
            out[n] = ws[1:]
            ws = out[n]
        if ws and label and _CODE.match(ws[0].text):
            label.append(ws[0].text)
            out[n] = ws[1:]
        if ws is not out[n] and out[n]:
            out[n][0] = Word(out[n][0].text, False)
    return " ".join(label), out
