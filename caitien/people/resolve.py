"""Who a lead (chủ trì) or coordinator (phối hợp) text of a plan row means, in one school.

Schools write these columns the way they speak: "BGH", "TTCM", "GVCN khối 5", "Kế toán, TPT Đội",
"Đ/c Lan (NV thư viện)", "Tổ văn phòng", full names with or without diacritics. The text is cut into
pieces at commas, semicolons, slashes, "và"… and each piece is compared, without diacritics and with
the abbreviations of `data/abbreviations.json` written out, with:

1. the school's own mappings (ResponsibleMapping), decided once by the principal;
2. "everyone" words (toàn thể, CB-GV-NV, Hội đồng sư phạm): every active member of staff;
3. a role in a group ("Tổ trưởng CM", "Khối trưởng khối 3", "Chủ tịch Công đoàn", "Tổ phó tổ 1"),
   from the groups' memberships and from people whose position says it;
4. homeroom teachers (GVCN, "GVCN khối 5");
5. groups by name or kind ("Tổ văn phòng", "BGH", "Khối 4", "Tổ Toán");
6. positions (chức vụ) ("Kế toán", "TPT Đội", "PHT");
7. full names, then given names when only one person has it ("cô Lan").

What matches nothing is returned in `unresolved`, as written, for the principal to map once.
`SchoolDirectory.load(school)` reads the school in a fixed number of queries, so a page resolving
every row of a plan costs the same whatever the number of rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from caitien.people.models import Group, GroupMember, Person, ResponsibleMapping
from caitien.text import fold, nfc

DATA_FILE = Path(__file__).with_name("data") / "abbreviations.json"
EVERYONE = "toan the"
HOMEROOM = "giao vien chu nhiem"
# Pieces made of these words alone say nothing about who ("Chủ trì:", "và").
EMPTY_WORDS = {"chu tri", "phoi hop", "", "va", "cung"}


# --- the text as the resolver compares it -----------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, str]
    phrases: dict[tuple[str, ...], tuple[str, ...]]
    longest_phrase: int
    fillers: tuple[tuple[str, ...], ...]
    roles: tuple[tuple[tuple[str, ...], str], ...]  # (words, GroupMember.Role), longest first


def _tokens(text: str) -> list[str]:
    return re.sub(r"[^0-9a-z]+", " ", fold(text)).split()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    words = {}
    for entry in data["words"]:
        key = "".join(_tokens(entry["abbr"]))
        words[key] = " ".join(_tokens(entry["means"]))
    phrases = {}
    for entry in data["phrases"]:
        written = tuple(_expand_words(_tokens(entry["written"]), words))
        phrases[written] = tuple(_expand_words(_tokens(entry["means"]), words))
    fillers = tuple(sorted((tuple(_tokens(h)) for h in data["leading_fillers"]), key=len, reverse=True))
    roles = []
    for name, role in (
        ("leader_words", GroupMember.Role.LEADER),
        ("deputy_words", GroupMember.Role.DEPUTY),
        ("secretary_words", GroupMember.Role.SECRETARY),
    ):
        roles.extend((tuple(_tokens(w)), role.value) for w in data[name])
    roles.sort(key=lambda r: len(r[0]), reverse=True)
    return Vocabulary(words, phrases, max(map(len, phrases), default=1), fillers, tuple(roles))


def _expand_words(tokens: list[str], words: dict[str, str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(words.get(token, token).split())
    return out


def _rewrite_phrases(tokens: list[str], vocab: Vocabulary) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(vocab.longest_phrase, len(tokens) - i), 0, -1):
            replacement = vocab.phrases.get(tuple(tokens[i : i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _strip_fillers(tokens: list[str], vocab: Vocabulary) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for honorific in vocab.fillers:
            if len(tokens) > len(honorific) and tuple(tokens[: len(honorific)]) == honorific:
                tokens = tokens[len(honorific) :]
                changed = True
                break
    return tokens


def normalize(text: str) -> str:
    """The text as the resolver compares it: "Đ/c TTCM khối 5" -> "to truong chuyen mon khoi 5"."""
    vocab = vocabulary()
    tokens = _rewrite_phrases(_expand_words(_tokens(text), vocab.words), vocab)
    tokens = _strip_fillers(tokens, vocab)
    joined = " ".join(tokens)
    while f"{EVERYONE} {EVERYONE}" in joined:
        joined = joined.replace(f"{EVERYONE} {EVERYONE}", EVERYONE)
    return joined


# --- cutting a cell into pieces ---------------------------------------------------------------

_STRONG = re.compile(r"[,;\n\r+&()\[\]•·/]")
_WEAK = re.compile(r"\s+(?:và|với|cùng|va|voi|cung)\s+|\s[-–—]\s", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(chủ trì|phối hợp|chu tri|phoi hop)\s*:\s*", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"^(.*\D)\s*(\d+[a-zA-Z]?)\s*$")


def split_pieces(text: str) -> list[str]:
    """The pieces of a cell, as written: "BGH, GVCN khối 4, 5" -> ["BGH", "GVCN khối 4", "GVCN khối 5"]."""
    text = nfc(text).replace("Đ/c", "Đc").replace("đ/c", "đc").replace("Đ/C", "ĐC")
    text = _PREFIX.sub("", text)
    pieces: list[str] = []
    for raw in _STRONG.split(text):
        piece = raw.strip(" .:-–—*\t")
        if not piece:
            continue
        # "GVCN khối 4, 5": a bare number continues the previous piece's pattern.
        if re.fullmatch(r"\d+[a-zA-Z]?", piece) and pieces:
            match = _TRAILING_NUMBER.match(pieces[-1])
            if match:
                piece = f"{match.group(1).rstrip()} {piece}"
        pieces.append(piece)
    return pieces


# --- the school, read once --------------------------------------------------------------------


@dataclass
class SchoolDirectory:
    """A school's active people, groups with memberships, and mappings, in four queries."""

    school: object
    people: list[Person]
    groups: list[Group]
    memberships: dict[int, list[GroupMember]]  # group id -> memberships
    mappings: dict[str, ResponsibleMapping]
    person_keys: dict[int, str] = field(default_factory=dict)
    position_keys: dict[int, str] = field(default_factory=dict)
    group_keys: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, school) -> SchoolDirectory:
        people = list(Person.objects.filter(school=school, active=True))
        groups = list(Group.objects.filter(school=school))
        memberships: dict[int, list[GroupMember]] = {g.pk: [] for g in groups}
        by_id = {p.pk: p for p in people}
        for m in GroupMember.objects.filter(group__school=school, person__active=True).order_by(
            "person__order", "person__full_name", "id"
        ):
            if m.person_id in by_id:
                m.person = by_id[m.person_id]
                memberships.setdefault(m.group_id, []).append(m)
        mappings = {
            m.key: m
            for m in ResponsibleMapping.objects.filter(school=school).select_related("person", "group")
        }
        return cls(
            school=school,
            people=people,
            groups=groups,
            memberships=memberships,
            mappings=mappings,
            person_keys={p.pk: normalize(p.full_name) for p in people},
            position_keys={p.pk: normalize(p.position) for p in people if p.position},
            group_keys={g.pk: normalize(g.name) for g in groups},
        )

    def members(self, group: Group, role: str | None = None) -> list[Person]:
        return [m.person for m in self.memberships.get(group.pk, []) if role is None or m.role == role]


# --- the answer -------------------------------------------------------------------------------


@dataclass
class Piece:
    """One piece of the text and what it was understood as; `how` names the rule that matched."""

    text: str
    people: list[Person] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    how: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.how)


@dataclass
class Resolution:
    """Who a text names: people, groups, the pieces understood as nobody (as written), each piece
    with the rule that matched it, and the active members of each group named."""

    people: list[Person]
    groups: list[Group]
    unresolved: list[str]
    pieces: list[Piece] = field(default_factory=list)
    group_members: dict[int, list[Person]] = field(default_factory=dict)

    def everyone(self) -> list[Person]:
        """The people named, then the members of the groups named, each once."""
        seen: dict[int, Person] = {p.pk: p for p in self.people}
        for group in self.groups:
            for person in self.group_members.get(group.pk, []):
                seen.setdefault(person.pk, person)
        return list(seen.values())


def resolve_responsibles(school, text: str, *, directory: SchoolDirectory | None = None) -> Resolution:
    """People and groups a lead or coordinator text names in `school`, and the pieces understood as
    nobody, as written. Pass one `directory` when resolving many texts of the same school."""
    directory = directory or SchoolDirectory.load(school)
    pieces = [found for piece in split_pieces(text or "") for found in _resolve_piece(directory, piece)]
    people: dict[int, Person] = {}
    groups: dict[int, Group] = {}
    unresolved: list[str] = []
    for piece in pieces:
        for person in piece.people:
            people.setdefault(person.pk, person)
        for group in piece.groups:
            groups.setdefault(group.pk, group)
        if not piece.resolved and piece.text not in unresolved:
            unresolved.append(piece.text)
    members = {pk: directory.members(group) for pk, group in groups.items()}
    return Resolution(list(people.values()), list(groups.values()), unresolved, pieces, members)


def _resolve_piece(directory: SchoolDirectory, text: str) -> list[Piece]:
    key = normalize(text)
    if key in EMPTY_WORDS:
        return []
    found = _match(directory, key)
    if found is not None:
        found.text = text
        return [found]
    # "Kế toán - Thủ quỹ", "Tổ trưởng và tổ phó": the whole is unknown, so each half on its own
    # (a group named "Tổ Toán - Tin" was tried whole first).
    halves = [h.strip(" .:-–—*") for h in _WEAK.split(text)]
    halves = [h for h in halves if h]
    if len(halves) > 1:
        return [piece for half in halves for piece in _resolve_piece(directory, half)]
    return [Piece(text)]


def _unique(items: list) -> list:
    return list({item.pk: item for item in items}.values())


def _match(d: SchoolDirectory, key: str) -> Piece | None:
    if not key:
        return None
    for rule in (_by_mapping, _everyone, _by_role, _homeroom, _by_group, _by_position, _by_name):
        found = rule(d, key)
        if found is not None:
            return found
    return None


def _by_mapping(d: SchoolDirectory, key: str) -> Piece | None:
    mapping = d.mappings.get(key)
    if mapping is None:
        return None
    kind = ResponsibleMapping.Kind
    if mapping.kind == kind.PERSON and mapping.person and mapping.person.active:
        return Piece("", people=[mapping.person], how="mapping")
    if mapping.kind == kind.GROUP and mapping.group:
        return Piece("", groups=[mapping.group], how="mapping")
    if mapping.kind == kind.POSITION and mapping.position:
        found = _by_position(d, normalize(mapping.position))
        if found:
            found.how = "mapping"
            return found
    if mapping.kind == kind.NOBODY:
        return Piece("", how="nobody")
    return None


def _everyone(d: SchoolDirectory, key: str) -> Piece | None:
    if key in (EVERYONE, f"{EVERYONE} nha truong", "nha truong toan the"):
        outside = {m.person_id for g in d.groups if g.outside for m in d.memberships.get(g.pk, [])}
        return Piece("", people=[p for p in d.people if p.pk not in outside], how="everyone")
    return None


def _starts(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + " ")


# What may follow "Tổ trưởng" and still mean every team's leader ("Tổ trưởng chuyên môn các khối").
GENERIC_TEAM = {"", "chuyen mon", "to", "khoi", "to chuyen mon", "chuyen mon khoi", "khoi chuyen mon"}


def _by_role(d: SchoolDirectory, key: str) -> Piece | None:
    words = key.split()
    for role_words, role in vocabulary().roles:
        if tuple(words[: len(role_words)]) != role_words:
            continue
        rest = " ".join(w for w in words[len(role_words) :] if w != "cac")
        if rest.startswith("chuyen mon ") and rest not in GENERIC_TEAM:
            rest = rest[len("chuyen mon ") :]  # "Tổ trưởng chuyên môn khối 4": the team of khối 4
        generic = rest in GENERIC_TEAM
        if role_words[0] == "khoi":
            groups = _of_kind(d, Group.Kind.GRADE) if generic else _groups_for(d, rest, Group.Kind.GRADE)
        elif generic:
            groups = _of_kind(d, Group.Kind.SUBJECT)
        else:
            groups = _groups_for(d, rest) or _teams_of_grade(d, rest)
        people = [p for g in groups for p in d.members(g, role)]
        people += _position_people(d, key)
        if people:
            return Piece("", people=_unique(people), how="role")
        if groups or generic:
            # The team exists but no one is marked with that role yet: left for the principal.
            return None
    return None


def _teams_of_grade(d: SchoolDirectory, rest: str) -> list[Group]:
    """The subject team that covers a grade, for its leader: "khối 4" -> "Tổ 4-5" (a team often
    covers two grades in a small school). Not for homeroom teachers: half of "Tổ 4-5" teach grade 5."""
    match = re.fullmatch(r"(?:khoi\s+)?(\d+)", rest)
    if not match:
        return []
    return [g for g in _of_kind(d, Group.Kind.SUBJECT) if match.group(1) in d.group_keys[g.pk].split()]


def _homeroom(d: SchoolDirectory, key: str) -> Piece | None:
    if not _starts(key, HOMEROOM):
        return None
    rest = key[len(HOMEROOM) :].strip()
    teachers = [
        p
        for p in d.people
        if HOMEROOM in d.position_keys.get(p.pk, "") or "chu nhiem" in d.position_keys.get(p.pk, "")
    ]
    rest = re.sub(r"^cac\s+", "", rest)
    if rest in ("", "lop", "cac lop", "khoi", "cac khoi"):
        return Piece("", people=teachers, how="homeroom") if teachers else None
    groups = _groups_for(d, rest, default_kind=Group.Kind.GRADE)
    number = re.search(r"(\d+)", rest)
    in_groups = {p.pk for g in groups for p in d.members(g)}
    chosen = [p for p in teachers if p.pk in in_groups]
    if not chosen and number:
        # "Giáo viên chủ nhiệm lớp 5A" in the position itself.
        pattern = re.compile(rf"\blop {number.group(1)}[a-z]?\b")
        chosen = [p for p in teachers if pattern.search(d.position_keys.get(p.pk, ""))]
    if chosen:
        return Piece("", people=chosen, how="homeroom")
    if groups:
        return Piece("", groups=groups, how="homeroom")
    return None


# Words for groups of a kind, as the resolver writes them (normalize applied).
KIND_WORDS = {
    Group.Kind.BOARD: ("ban giam hieu", "lanh dao nha truong", "can bo quan ly"),
    Group.Kind.OFFICE: ("to van phong",),
    Group.Kind.COUNCIL: ("hoi dong tu danh gia", "hoi dong"),
    Group.Kind.MONITORING: ("to giam sat", "ban giam sat"),
    Group.Kind.PARENTS: ("ban dai dien cha me hoc sinh", "cha me hoc sinh", "ban dai dien"),
    Group.Kind.SUBJECT: ("to chuyen mon", "chuyen mon"),
    Group.Kind.GRADE: ("khoi", "khoi truong"),
}
# Without a Ban giám hiệu group, "BGH" still means the principal and vice-principals.
BOARD_POSITIONS = ("hieu truong", "pho hieu truong")


def _of_kind(d: SchoolDirectory, kind: str) -> list[Group]:
    return [g for g in d.groups if g.kind == kind]


def _bare(name: str) -> str:
    return re.sub(r"^(to|khoi|ban|nhom|bo phan)\s+", "", name)


def _groups_for(d: SchoolDirectory, key: str, default_kind: str | None = None) -> list[Group]:
    if not key:
        return []
    exact = [g for g in d.groups if d.group_keys[g.pk] == key]
    if exact:
        return exact
    for kind, words in KIND_WORDS.items():
        if key in words:
            return _of_kind(d, kind)
    bare = _bare(key)
    if default_kind == Group.Kind.GRADE and re.fullmatch(r"\d+", bare):
        key = f"khoi {bare}"
    same = [g for g in d.groups if _bare(d.group_keys[g.pk]) == bare or d.group_keys[g.pk] == key]
    if same:
        return same
    # "Tổ Toán" for "Tổ Toán - Tin", "khối 4" for "Tổ khối 4 - 5": the group's words contain the key's.
    # A bare number ("khối 4") is not looked for inside other names: "Tổ 4-5" is not khối 4.
    if bare not in ("", "chuyen mon") and not re.fullmatch(r"\d+", bare):
        pattern = re.compile(rf"(^|\s){re.escape(bare)}(\s|$)")
        return [g for g in d.groups if pattern.search(d.group_keys[g.pk])]
    return []


def _by_group(d: SchoolDirectory, key: str) -> Piece | None:
    groups = _groups_for(d, key)
    if groups:
        return Piece("", groups=groups, how="group")
    if key in KIND_WORDS[Group.Kind.BOARD]:
        people = [p for p in d.people if d.position_keys.get(p.pk) in BOARD_POSITIONS]
        if people:
            return Piece("", people=people, how="position")
    return None


def _without_staff_word(key: str) -> str:
    return key[len("nhan vien ") :] if key.startswith("nhan vien ") else key


def _position_people(d: SchoolDirectory, key: str) -> list[Person]:
    """People whose position is the key ("Kế toán"), else starts with it ("Giáo viên" for every
    teacher), else is the key without "nhân viên" ("nhân viên văn thư" for "Văn thư"), else is the
    key without what follows "phụ trách" ("Phó Hiệu trưởng phụ trách chuyên môn")."""
    positions = d.position_keys
    exact = [p for p in d.people if positions.get(p.pk) == key]
    if exact:
        return exact
    prefix = [p for p in d.people if _starts(positions.get(p.pk, ""), key)]
    if prefix:
        return prefix
    bare = _without_staff_word(key)
    same = [p for p in d.people if p.pk in positions and _without_staff_word(positions[p.pk]) == bare]
    if same:
        return same
    if " phu trach " in key:
        head = key.split(" phu trach ")[0]
        return [p for p in d.people if positions.get(p.pk) == head]
    return []


def _by_position(d: SchoolDirectory, key: str) -> Piece | None:
    people = _position_people(d, key)
    return Piece("", people=people, how="position") if people else None


def _by_name(d: SchoolDirectory, key: str) -> Piece | None:
    exact = [p for p in d.people if d.person_keys[p.pk] == key]
    if exact:
        return Piece("", people=exact, how="name")
    words = key.split()
    if 1 <= len(words) <= 3:
        tail = [p for p in d.people if d.person_keys[p.pk].split()[-len(words) :] == words]
        if len(tail) == 1:
            return Piece("", people=tail, how="name")
    return None
