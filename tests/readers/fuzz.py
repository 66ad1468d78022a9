"""Mutated plan files for the fuzz test: seeded, so every run makes the same files.

Each mutation is one way a file arrives broken or hostile: random bit flips, a truncated download, a
zip whose central directory is damaged or whose entry claims to be encrypted, a DOCX with a huge
w:gridBefore / w:gridSpan or a huge cell, an XLSX with a huge merged range or cell, a text with
"năm học" and 30,000 spaces, malformed or hostile JSON.
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import zipfile


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def zero_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    length = rng.randint(1, 4096)
    return data[:start] + b"\x00" * min(length, len(data) - start) + data[start + length :]


def break_central_directory(data: bytes, rng: random.Random) -> bytes:
    """Damage the zip's central directory or its end record (offsets, counts, sizes)."""
    end = data.rfind(b"PK\x05\x06")
    directory = data.find(b"PK\x01\x02")
    out = bytearray(data)
    if end < 0 or directory < 0:
        return flip_bits(data, rng)
    choice = rng.randrange(4)
    if choice == 0:  # the directory's offset points anywhere
        out[end + 16 : end + 20] = struct.pack("<I", rng.randrange(0, 2**32))
    elif choice == 1:  # entry counts that lie
        out[end + 8 : end + 12] = struct.pack("<HH", rng.randrange(65536), rng.randrange(65536))
    elif choice == 2:  # garbage over part of the directory
        start = rng.randrange(directory, end)
        for i in range(start, min(end, start + rng.randint(4, 64))):
            out[i] = rng.randrange(256)
    else:  # an entry's declared sizes that lie
        entry = rng.choice([m.start() for m in re.finditer(b"PK\x01\x02", data)])
        out[entry + 20 : entry + 28] = struct.pack("<II", rng.randrange(2**32), rng.randrange(2**32))
    return bytes(out)


def flag_encrypted(data: bytes, rng: random.Random) -> bytes:
    """Set the "encrypted" bit of an entry (local header, central directory or both)."""
    out = bytearray(data)
    headers = [m.start() for m in re.finditer(b"PK\x03\x04", data)]
    central = [m.start() for m in re.finditer(b"PK\x01\x02", data)]
    where = rng.randrange(3)
    if headers and where in (0, 2):
        out[rng.choice(headers) + 6] |= 0x01
    if central and where in (1, 2):
        out[rng.choice(central) + 8] |= 0x01
    return bytes(out)


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info.filename))
            target.writestr(info.filename, body)
    return buffer.getvalue()


def docx_hostile(data: bytes, rng: random.Random) -> bytes:
    """A DOCX whose body XML says something absurd."""
    choice = rng.randrange(7)

    def change(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        text = body.decode("utf-8")
        if choice == 0:
            value = rng.choice(["99999999", "2147483647", "-5", "1e9", "abc"])
            return re.sub(r"<w:trPr>", f'<w:trPr><w:gridBefore w:val="{value}"/>', text, count=3).encode()
        if choice == 1:
            value = rng.choice(["99999999", "2147483647", "0", "-3"])
            return re.sub(r"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{value}"/>', text, count=5).encode()
        if choice == 2:  # a huge cell
            return text.replace(
                "Không có", "Không có " + "rất dài " * rng.randint(20_000, 300_000), 1
            ).encode()
        if choice == 3:  # every row repeated many times
            rows = re.findall(r"<w:tr[ >].*?</w:tr>", text, flags=re.S)
            if rows:
                return text.replace(rows[-1], rows[-1] * rng.randint(500, 4000), 1).encode()
            return body
        if choice == 4:  # a slice of the XML cut out
            start = rng.randrange(len(body))
            return body[:start] + body[start + rng.randint(1, 5000) :]
        if choice == 5:  # vertical merges everywhere
            return re.sub(r"<w:tcPr>", '<w:tcPr><w:vMerge w:val="continue"/>', text).encode()
        return text.replace("<w:t>", "<w:t>" + "\u0300" * rng.randint(1, 5000), 5).encode()

    return _rezip(data, change)


def xlsx_hostile(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)

    def change(name: str, body: bytes) -> bytes:
        if not name.startswith("xl/worksheets/sheet"):
            if choice == 3 and name == "xl/sharedStrings.xml":
                text = body.decode("utf-8")
                return text.replace("<t>", "<t>" + "ô" * 32_000, 3).encode()
            return body
        text = body.decode("utf-8")
        if choice == 0:  # the largest merged range a sheet can hold
            merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
            return re.sub(r"</sheetData>", "</sheetData>" + merge, text, count=1).encode()
        if choice == 1:
            return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text).encode()
        start = rng.randrange(len(body))
        return body[:start] + body[start + rng.randint(1, 3000) :]

    return _rezip(data, change)


def text_hostile(text: str, rng: random.Random) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return ("Kế hoạch năm học" + " " * 30_000 + "2024 - 2025\n" + text).encode()
    if choice == 1:
        return (text + "\n" + "năm học " + " " * rng.randint(10_000, 60_000) + "x").encode()
    if choice == 2:
        return ("Tiêu chí 1.1 " * rng.randint(1000, 20000)).encode()
    if choice == 3:
        return ("\t" * 20_000 + "Tiêu chí 1.2\t" * 500 + "\n").encode() + text.encode()
    if choice == 4:
        return "\n".join(("-" * rng.randint(1, 400)) + " 1.000.000 đồng " * 50 for _ in range(800)).encode()
    return bytes(rng.randrange(32, 256) for _ in range(rng.randint(1, 20_000)))


def json_hostile(document: dict, rng: random.Random) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        return ("[" * rng.randint(1000, 200_000)).encode()
    if choice == 1:
        return json.dumps({"items": [1, "x", None, []]}).encode()
    if choice == 2:
        broken = dict(document)
        broken["items"] = [{"budget_amounts": "nhiều", "criterion": 5, "doubtful": 3}]
        return json.dumps(broken).encode()
    if choice == 3:
        broken = dict(document)
        broken["period"] = rng.choice([5, "2024", [1, 2], {"start_year": "x"}])
        broken["signer"] = rng.choice(["Hiệu trưởng", 3, [1]])
        return json.dumps(broken).encode()
    if choice == 4:
        return json.dumps({"items": [{"budget_amounts": [{"vnd": "x", "parts": 5}]}]}).encode()
    if choice == 5:
        broken = dict(document)
        broken["warnings"] = [{"code": 1}, "x"]
        broken["priority_issues"] = ["x", 5]
        broken["recipients"] = 7
        return json.dumps(broken).encode()
    data = json.dumps(document, ensure_ascii=False).encode()
    return truncate(data, rng) if choice == 6 else flip_bits(data, rng)


def mutations(bases: dict[str, bytes], count: int, seed: int = 14):
    """`count` (name, data) pairs spread over the base files and the mutations that fit each."""
    rng = random.Random(seed)
    text = bases["txt"].decode("utf-8")
    document = json.loads(bases["json"])
    generic = [flip_bits, truncate, zero_run]
    zips = [break_central_directory, flag_encrypted]
    for index in range(count):
        kind = ("docx", "xlsx", "pdf", "txt", "json")[index % 5]
        data = bases[kind]
        pick = rng.random()
        if kind == "docx":
            mutate = rng.choice(generic + zips + [docx_hostile, docx_hostile])
        elif kind == "xlsx":
            mutate = rng.choice(generic + zips + [xlsx_hostile])
        elif kind == "pdf":
            mutate = rng.choice(generic)
        elif kind == "txt":
            yield f"fuzz-{index}.txt", (text_hostile(text, rng) if pick < 0.6 else flip_bits(data, rng))
            continue
        else:
            yield f"fuzz-{index}.json", json_hostile(document, rng)
            continue
        yield f"fuzz-{index}.{kind}", mutate(data, rng)
