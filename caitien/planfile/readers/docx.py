"""Word (.docx) plans: the body's paragraphs and tables in document order → Document.

We walk the body XML ourselves (python-docx opens the package; its lxml parser resolves no entities,
and safety.open_office_zip has refused any DTD before): that keeps document order, sees content
controls and nested tables, and lets us tell a vertically merged continuation cell ("") from a
horizontally spanned one (its text repeated), which build_items relies on.
"""

from __future__ import annotations

from io import BytesIO

from caitien.planfile.model import Document
from caitien.planfile.readers import Block, ReadError, assemble, safety

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W + "delText", W + "instrText", W + "del", W + "moveFrom", MC_FALLBACK, W + "fldData"}
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def read_docx(data: bytes, filename: str = "") -> Document:
    return assemble(read_blocks(data, filename), filename)


def read_blocks(data: bytes, filename: str = "") -> list[Block]:
    """The body as blocks in document order (running text, tables as grids)."""
    safety.open_office_zip(data, filename, "Word")
    import docx

    try:
        word = docx.Document(BytesIO(data))
    except (
        Exception
    ):  # python-docx raises many kinds for a broken package (KeyError, ValueError, lxml errors)
        raise ReadError(
            f"Tệp Word “{filename or 'đã tải lên'}” bị hỏng hoặc không đúng cấu trúc .docx. "
            "Hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi thử lại."
        ) from None
    walker = _Walker(word)
    walker.walk(word.element.body)
    return walker.blocks


class _Walker:
    def __init__(self, word):
        self.blocks: list[Block] = []
        self.tables = 0
        self.lines: list[str] = []
        self.numbering = _Numbering(word)
        self.cells = 0

    # Paragraphs directly in the body gather into one text block until a table comes.
    def walk(self, container) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.lines.append(self.paragraph(child))
            elif tag == W + "tbl":
                self.flush()
                self.table(child)
            elif tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if content is not None:
                    self.walk(content)
        self.flush()

    def flush(self) -> None:
        if self.lines:
            self.blocks.append(Block(text="\n".join(self.lines)))
            self.lines = []

    def paragraph(self, p) -> str:
        parts: list[str] = []
        _runs_text(p, parts)
        text = "".join(parts)
        label = self.numbering.label(p)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        return text

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        nested: list = []
        grid: list[list[str]] = []
        # A vertically merged cell continues the cell above in the same grid column.
        for tr in _children(tbl, "tr"):
            row: list[str] = []
            tr_pr = tr.find(W + "trPr")
            before = _val_int(tr_pr, "gridBefore") if tr_pr is not None else 0
            row.extend([""] * min(max(before, 0), 64))  # a hostile value must not allocate gigabytes
            for tc in _children(tr, "tc"):
                tc_pr = tc.find(W + "tcPr")
                span = max(_val_int(tc_pr, "gridSpan") or 1, 1) if tc_pr is not None else 1
                vmerge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                continuation = vmerge is not None and vmerge.get(W + "val") in (None, "continue")
                text = "" if continuation else self.cell_text(tc, nested)
                row.extend([text] * min(span, 64))
            grid.append(row)
            self.cells += len(row)
            safety.check_rows(len(grid), self.cells)
        width = max((len(r) for r in grid), default=0)
        for row in grid:
            row.extend([""] * (width - len(row)))
        grid = [r for r in grid if any(c.strip() for c in r)]
        if grid:
            self.blocks.append(Block(rows=grid, where=f"bảng {number}", hard_breaks=True))
        for inner in nested:
            self.table(inner)

    def cell_text(self, tc, nested: list) -> str:
        lines: list[str] = []
        for child in _cell_content(tc):
            if child.tag == W + "p":
                lines.append(self.paragraph(child))
            elif child.tag == W + "tbl":
                nested.append(child)
        # Keep the cell's own line structure; build_items joins it as the contract wants.
        return "\n".join(line.strip() for line in lines if line.strip())


def _cell_content(tc):
    for child in tc.iterchildren():
        if child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _cell_content(content)
        else:
            yield child


def _children(element, name: str):
    """Direct rows/cells, also those wrapped in a content control."""
    for child in element.iterchildren():
        if child.tag == W + name:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _children(content, name)


def _runs_text(element, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag in (W + "pPr", W + "rPr"):
            continue
        else:
            _runs_text(child, parts)


def _val_int(parent, name: str) -> int:
    element = parent.find(W + name) if parent is not None else None
    if element is None:
        return 0
    try:
        return int(element.get(W + "val") or 0)
    except ValueError:
        return 0


class _Numbering:
    """Labels of automatically numbered paragraphs ("I.", "1.", "a)", "-"), which the text itself lacks."""

    def __init__(self, word):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract = {}
            for node in numbering.findall(W + "abstractNum"):
                levels = {}
                for lvl in node.findall(W + "lvl"):
                    fmt = lvl.find(W + "numFmt")
                    text = lvl.find(W + "lvlText")
                    start = lvl.find(W + "start")
                    levels[int(lvl.get(W + "ilvl") or 0)] = (
                        fmt.get(W + "val") if fmt is not None else "decimal",
                        text.get(W + "val") if text is not None else "",
                        int(start.get(W + "val") or 1) if start is not None else 1,
                    )
                abstract[node.get(W + "abstractNumId")] = levels
            for num in numbering.findall(W + "num"):
                ref = num.find(W + "abstractNumId")
                levels = abstract.get(ref.get(W + "val") if ref is not None else None, {})
                for ilvl, spec in levels.items():
                    self.formats[(num.get(W + "numId"), ilvl)] = spec
        try:
            styles = word.styles.element
        except AttributeError:
            styles = None
        if styles is not None:
            based: dict[str, str] = {}
            for style in styles.findall(W + "style"):
                sid = style.get(W + "styleId")
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = num_pr.find(W + "numId")
                    if num_id is not None:
                        self.style_num[sid] = (num_id.get(W + "val"), _val_int(num_pr, "ilvl"))
                parent = style.find(W + "basedOn")
                if parent is not None:
                    based[sid] = parent.get(W + "val")
            for sid, parent in based.items():
                if sid not in self.style_num and parent in self.style_num:
                    self.style_num[sid] = self.style_num[parent]

    def label(self, p) -> str:
        p_pr = p.find(W + "pPr")
        if p_pr is None:
            return ""
        num_pr = p_pr.find(W + "numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            node = num_pr.find(W + "numId")
            num_id = node.get(W + "val") if node is not None else None
            ilvl = _val_int(num_pr, "ilvl")
        else:
            style = p_pr.find(W + "pStyle")
            if style is not None and style.get(W + "val") in self.style_num:
                num_id, ilvl = self.style_num[style.get(W + "val")]
        if not num_id or num_id == "0":
            return ""
        spec = self.formats.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, text, start = spec
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(0)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        label = text
        for level, count in enumerate(counters):
            level_spec = self.formats.get((num_id, level), ("decimal", "", 1))
            value = count + level_spec[2] - 1
            label = label.replace(f"%{level + 1}", _format_number(value, level_spec[0]))
        return label.strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out = ""
        for number, letters in _ROMAN:
            while value >= number:
                out += letters
                value -= number
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        letter = letters[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)
