"""Province-scale data: one Sở, its Phòng, their schools, with self-assessments and plans.

Used by `caitien generate`, by `make bench` (bench/province.py) and by the query-count tests, which
build the same shapes at two sizes. Everything is invented (sample_texts.py) and written with
`bulk_create` in chunks (the leaf records by plain multi-row inserts, generator_insert.py): 1,000
schools × 5 plans × 30 rows, with their tasks and reviews, take about 4 minutes on SQLite and on
PostgreSQL on a 2-core machine. One audit event records the generation.

    result = province_generate(offices=10, schools=1000, plans=5, rows=30, prefix="PA")

The result names the offices' codes and the logins (one specialist per office, one principal per
school, all with the same password), so a benchmark or a load test can sign in:
`result.so_specialist`, `result.office_specialists[i]`, `result.principals[i]`.

Per school: the latest school year's self-assessment (every criterion and indicator, the school level
computed by the regulation's rules), then `plans` plans: `plans - 1` older plans (published, one of
them adjusted once, so a superseded version exists) and this school year's plan in a state that
varies from school to school (draft, submitted, approved or published).
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from caitien.assessments import levels
from caitien.assessments.models import CriterionAssessment, IndicatorResult, SelfAssessment
from caitien.audit.services import audit_record
from caitien.catalog.models import Criterion, Indicator, Regulation
from caitien.catalog.services import catalog_load
from caitien.offices import sample_texts as texts
from caitien.offices.generator_insert import insert_all
from caitien.planfile import defaults
from caitien.plans.calendar import current_school_year
from caitien.plans.models import Plan, PlanItem
from caitien.plans.services import default_recipients
from caitien.schools.models import Membership, Office, Role, School, User

DEFAULT_PASSWORD = "caitien123"
CHUNK = 100  # schools written per round of bulk inserts
BATCH = 2000  # rows per INSERT statement

# (school level, regulation slug) by share of schools: about a third follow 57/2026.
SCHOOL_KINDS = (
    ("tieu_hoc", "tt17-2018", 22),
    ("tieu_hoc", "tt57-2026-pl2", 12),
    ("mam_non", "tt19-2018", 20),
    ("mam_non", "tt57-2026-pl1", 10),
    ("thcs", "tt18-2018", 18),
    ("thcs", "tt57-2026-pl2", 10),
    ("thpt", "tt18-2018", 5),
    ("gdtx", "tt57-2026-pl3", 3),
)
LEVEL_WORDS = {
    "tieu_hoc": "Trường Tiểu học",
    "mam_non": "Trường Mầm non",
    "thcs": "Trường THCS",
    "thpt": "Trường THPT",
    "gdtx": "Trung tâm GDNN-GDTX",
}
# This year's plan: status by share of schools.
CURRENT_STATUS = (
    (Plan.Status.PUBLISHED, 55),
    (Plan.Status.APPROVED, 10),
    (Plan.Status.SUBMITTED, 15),
    (Plan.Status.DRAFT, 20),
)
# How strong a theme usually is: facilities and staffing are where schools fall short.
THEME_BIAS = {"management": 0.4, "staff": -0.3, "facilities": -0.7, "community": 0.2, "teaching": 0.0}


class GenerateError(Exception):
    """The data cannot be generated here (the message, in Vietnamese, says why and what to do)."""


@dataclass
class Generated:
    so: Office
    offices: list[Office]
    schools: int = 0
    plans: int = 0
    rows: int = 0
    assessments: int = 0
    tasks: int = 0
    review_points: int = 0
    school_year: int = 0
    password: str = DEFAULT_PASSWORD
    so_specialist: str = ""
    office_specialists: list[str] = field(default_factory=list)
    principals: list[str] = field(default_factory=list)
    seconds: float = 0.0


def province_generate(
    *,
    offices: int = 10,
    schools: int = 1000,
    plans: int = 5,
    rows: int = 30,
    prefix: str = "PA",
    school_year: int | None = None,
    password: str = DEFAULT_PASSWORD,
    seed: int = 1,
    today: datetime.date | None = None,
) -> Generated:
    """Build a Sở with `offices` Phòng sharing `schools` schools; see the module docstring."""
    prefix = (prefix or "").strip().upper()
    if not prefix.isalnum() or not prefix.isascii() or len(prefix) > 8:
        raise GenerateError("Tiền tố mã phải là 1–8 chữ cái không dấu hoặc chữ số, ví dụ: PA.")
    if offices < 1 or schools < 1 or plans < 0 or rows < 0:
        raise GenerateError("Số Phòng và số trường phải từ 1 trở lên; số kế hoạch, số dòng từ 0 trở lên.")
    if Office.objects.filter(code=f"SO-{prefix}").exists():
        raise GenerateError(
            f"Đã có Sở mang mã SO-{prefix}. Hãy chọn tiền tố khác (--prefix) hoặc dùng cơ sở dữ liệu mới."
        )
    t0 = time.perf_counter()
    today = today or datetime.date.today()
    year = school_year or current_school_year(today)
    with transaction.atomic():
        builder = _Builder(prefix=prefix, year=year, password=password, seed=seed, rows=rows, plans=plans)
        builder.today = today
        result = builder.build(offices=offices, schools=schools)
        audit_record(
            actor=None,
            action="province.generate",
            obj=result.so,
            school=None,
            summary=(
                f"Sinh dữ liệu mẫu: {offices} Phòng, {result.schools} trường, {result.plans} kế hoạch, "
                f"{result.rows} dòng"
            ),
        )
    result.seconds = time.perf_counter() - t0
    return result


def schools_generate(
    *,
    office: Office,
    states: list[tuple[str | None, bool]],
    prefix: str,
    plans: int = 3,
    rows: int = 12,
    school_year: int,
    password: str = DEFAULT_PASSWORD,
    seed: int = 1,
) -> Generated:
    """Schools added to an existing office (the demo's Phòng), one per entry of `states`: (this
    year's plan status, or None for no plan yet; whether it has a self-assessment this year)."""
    with transaction.atomic():
        builder = _Builder(
            prefix=prefix,
            year=school_year,
            password=password,
            seed=seed,
            rows=rows,
            plans=plans,
            states=states,
            numbered=False,
        )
        result = Generated(
            so=office.parent or office, offices=[office], school_year=school_year, password=password
        )
        builder._schools(range(len(states)), [office], result)
        audit_record(
            actor=None,
            action="province.generate",
            obj=office,
            school=None,
            summary=f"Sinh dữ liệu mẫu: {result.schools} trường của {office.name}",
        )
    return result


class _Builder:
    def __init__(self, *, prefix, year, password, seed, rows, plans, states=None, numbered=True):
        self.prefix, self.year, self.rows, self.plans = prefix, year, rows, plans
        # states[n]: (this year's plan status or None for no plan yet, has a self-assessment)
        self.states, self.numbered = states, numbered
        self.rng = random.Random(seed)
        self.password_hash = make_password(password)
        self.password = password
        if not Regulation.objects.exists():
            catalog_load()
        self.regulations = {r.slug: r for r in Regulation.objects.all()}
        self.criteria: dict[int, list[Criterion]] = {}
        self.indicators: dict[int, list[Indicator]] = {}
        for c in Criterion.objects.select_related("standard").order_by("standard__number", "position"):
            self.criteria.setdefault(c.standard.regulation_id, []).append(c)
        for ind in Indicator.objects.order_by("criterion_id", "level", "position"):
            self.indicators.setdefault(ind.criterion_id, []).append(ind)
        self._sections: dict = {}
        self.today = datetime.date.today()

    # --- offices and people ----------------------------------------------------------------

    def build(self, *, offices: int, schools: int) -> Generated:
        p = self.prefix
        so = Office.objects.create(
            name=f"Sở Giáo dục và Đào tạo tỉnh Phú An ({p})",
            kind=Office.Kind.SO,
            place="Phú An",
            code=f"SO-{p}",
        )
        phongs = []
        for i in range(offices):
            place = texts.PLACES[i % len(texts.PLACES)]
            suffix = f" {i // len(texts.PLACES) + 1}" if i >= len(texts.PLACES) else ""
            phongs.append(
                Office(
                    name=f"Phòng Giáo dục và Đào tạo huyện {place}{suffix} ({p})",
                    kind=Office.Kind.PHONG,
                    parent=so,
                    place=place,
                    code=f"PGD-{p}-{i + 1:02d}",
                )
            )
        phongs = Office.objects.bulk_create(phongs)
        result = Generated(so=so, offices=phongs, school_year=self.year, password=self.password)
        result.so_specialist = self._specialist(so, "so")
        result.office_specialists = [self._specialist(o, f"phong{i + 1:02d}") for i, o in enumerate(phongs)]
        for start in range(0, schools, CHUNK):
            numbers = range(start, min(schools, start + CHUNK))
            self._schools(numbers, phongs, result)
        return result

    def _user(self, username: str, full_name: str) -> User:
        return User(username=username, full_name=full_name, password=self.password_hash)

    def _specialist(self, office: Office, tail: str) -> str:
        username = f"{self.prefix.lower()}_{tail}"
        user = User.objects.bulk_create([self._user(username, f"Chuyên viên {office.place}")])[0]
        Membership.objects.create(
            user=user, role=Role.OFFICE_SPECIALIST, office=office, position="Chuyên viên kiểm định chất lượng"
        )
        return username

    def _name(self) -> str:
        return f"{self.rng.choice(texts.FAMILY_NAMES)} {self.rng.choice(texts.GIVEN_NAMES)}"

    # --- schools ---------------------------------------------------------------------------

    def _kind(self, n: int):
        total = sum(w for _l, _r, w in SCHOOL_KINDS)
        slot = (n * 37) % total  # spread kinds evenly over the schools and the offices
        for level, slug, weight in SCHOOL_KINDS:
            if slot < weight:
                return level, self.regulations[slug]
            slot -= weight
        raise AssertionError("unreachable")

    def _schools(self, numbers, phongs, result: Generated) -> None:
        p = self.prefix
        batch = []
        for n in numbers:
            level, regulation = self._kind(n)
            office = phongs[n % len(phongs)]
            label = texts.SCHOOL_NAMES[n % len(texts.SCHOOL_NAMES)]
            batch.append(
                School(
                    name=f"{LEVEL_WORDS[level]} {label}" + (f" số {n + 1}" if self.numbered else ""),
                    level=level,
                    office=office,
                    governing_body=f"UBND huyện {office.place}",
                    place=office.place,
                    address=f"Xã {office.place}",
                    short_code=f"{p}{n + 1:04d}",
                    regulation=regulation,
                )
            )
        created = School.objects.bulk_create(batch, batch_size=BATCH)
        users = User.objects.bulk_create(
            [self._user(f"{p.lower()}_ht{s.short_code[len(p) :]}", self._name()) for s in created],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, role=Role.PRINCIPAL, school=s, position="Hiệu trưởng")
                for u, s in zip(users, created, strict=True)
            ],
            batch_size=BATCH,
        )
        result.principals.extend(u.username for u in users)
        assessed = self._assessments(created)
        result.assessments += len(assessed)
        self._plans(created, assessed, result)
        result.schools += len(created)

    # --- self-assessments ------------------------------------------------------------------

    def _theme(self, regulation, criterion) -> str:
        return texts.THEME_OF_STANDARD.get((regulation.generation, criterion.standard.number), "management")

    def _criterion_level(self, strength: float, regulation, criterion) -> int:
        value = strength + THEME_BIAS[self._theme(regulation, criterion)] + self.rng.uniform(-1.2, 1.2)
        top = max((i.level for i in self.indicators.get(criterion.pk, [])), default=1)
        return max(0, min(top, round(value)))

    def _assessments(self, schools) -> dict[int, tuple[SelfAssessment, dict[str, int]]]:
        """Every school's self-assessment of this school year, but one in ten has none yet."""
        if self.states is not None:
            chosen = [s for s in schools if self.states[int(s.short_code[len(self.prefix) :]) - 1][1]]
        else:
            chosen = [s for s in schools if self.rng.random() >= 0.1]
        strengths = {s.pk: self.rng.uniform(1.0, 2.8) for s in chosen}
        found: dict[int, dict[str, int]] = {}
        for s in chosen:
            found[s.pk] = {
                c.code: self._criterion_level(strengths[s.pk], s.regulation, c)
                for c in self.criteria[s.regulation_id]
            }
        sas = SelfAssessment.objects.bulk_create(
            [
                SelfAssessment(
                    school=s,
                    regulation=s.regulation,
                    start_year=self.year,
                    end_year=self.year + 1,
                    target_level=2,
                    school_level_reached=levels.school_level(found[s.pk], s.regulation.registry),
                )
                for s in chosen
            ],
            batch_size=BATCH,
        )
        cas = []
        for sa, s in zip(sas, chosen, strict=True):
            for c in self.criteria[s.regulation_id]:
                reached = found[s.pk][c.code]
                cas.append(
                    CriterionAssessment(
                        self_assessment=sa,
                        criterion=c,
                        level_reached=reached,
                        current_state=f"Nhà trường đã thực hiện các yêu cầu của tiêu chí {c.code} ở Mức {reached}.",
                        weaknesses=texts.WEAKNESSES[self._theme(s.regulation, c)] if reached < 2 else "",
                    )
                )
        cas = CriterionAssessment.objects.bulk_create(cas, batch_size=BATCH)
        results = []
        for ca in cas:
            for ind in self.indicators.get(ca.criterion_id, []):
                results.append(
                    IndicatorResult(assessment=ca, indicator=ind, met=ind.level <= ca.level_reached)
                )
        insert_all(IndicatorResult, results)
        return {sa.school_id: (sa, found[sa.school_id]) for sa in sas}

    # --- plans ------------------------------------------------------------------------------

    def _sections_for(self, regulation, school, start, end) -> dict:
        key = (regulation.pk, school.level, start)
        if key not in self._sections:
            self._sections[key] = dict(
                defaults.default_sections(
                    regulation.registry, school.level, school_name="{school}", start_year=start, end_year=end
                )
            )
        return {k: v.replace("{school}", school.name) for k, v in self._sections[key].items()}

    def _current_status(self) -> str:
        roll = self.rng.uniform(0, sum(w for _s, w in CURRENT_STATUS))
        for status, weight in CURRENT_STATUS:
            if roll < weight:
                return status
            roll -= weight
        return CURRENT_STATUS[0][0]

    def _plan(self, school, start, status, *, version=1, number=1, sa=None) -> Plan:
        signed = datetime.date(start, 9, 20) + datetime.timedelta(days=self.rng.randint(0, 40))
        moment = timezone.make_aware(datetime.datetime.combine(signed, datetime.time(9, 0)))
        reached = status in (Plan.Status.APPROVED, Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED)
        return Plan(
            school=school,
            regulation=school.regulation,
            self_assessment=sa,
            start_year=start,
            end_year=start + 1,
            title=f"Kế hoạch cải tiến chất lượng giáo dục năm học {start} - {start + 1}",
            document_number=f"{number}/KH-{school.short_code}" if reached else "",
            place=school.place,
            date=signed if reached else None,
            governing_body=school.governing_body,
            school_name=school.name,
            sections=self._sections_for(school.regulation, school, start, start + 1),
            recipients=default_recipients(school),
            signer_title="HIỆU TRƯỞNG",
            signer_name="" if not reached else "Hiệu trưởng",
            status=status,
            version=version,
            submitted_at=moment - datetime.timedelta(days=3) if status != Plan.Status.DRAFT else None,
            approved_at=moment if reached else None,
            published_at=(
                moment + datetime.timedelta(days=2)
                if status in (Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED)
                else None
            ),
            revision_reason="Điều chỉnh theo kết quả rà soát giữa năm học" if version > 1 else "",
        )

    def _plans(self, schools, assessed, result: Generated) -> None:
        if not self.plans:
            return
        # plans - 1 older plans; from 3 plans on, the last older year has two versions.
        older = self.plans - 2 if self.plans >= 3 else self.plans - 1
        older_years = list(range(self.year - older, self.year))
        firsts, pending_v2 = [], []
        for s in schools:
            sa = assessed.get(s.pk, (None, None))[0]
            for k, start in enumerate(older_years):
                adjusted = k == len(older_years) - 1 and self.plans >= 3
                firsts.append(
                    self._plan(
                        s,
                        start,
                        Plan.Status.SUPERSEDED if adjusted else Plan.Status.PUBLISHED,
                        number=10 + k,
                    )
                )
                if adjusted:
                    pending_v2.append((len(firsts) - 1, s, start, 10 + k))
            status = self._current_status()
            if self.states is not None:
                status = self.states[int(s.short_code[len(self.prefix) :]) - 1][0]
            if status is not None:
                firsts.append(self._plan(s, self.year, status, number=30, sa=sa))
        firsts = Plan.objects.bulk_create(firsts, batch_size=BATCH)
        seconds = []
        for index, s, start, number in pending_v2:
            v2 = self._plan(s, start, Plan.Status.PUBLISHED, version=2, number=number + 20)
            v2.lineage = v2.previous = firsts[index]
            seconds.append(v2)
        seconds = Plan.objects.bulk_create(seconds, batch_size=BATCH)
        every = firsts + seconds
        result.plans += len(every)
        items = []
        for plan in every:
            found = assessed.get(plan.school_id, (None, {}))[1] if plan.start_year == self.year else {}
            items.extend(self._rows(plan, found))
        insert_all(PlanItem, items)
        result.rows += len(items)
        from caitien.offices.generator_execution import execution_generate

        made = execution_generate(self.rng, every, items, year=self.year, today=self.today)
        result.tasks += made["tasks"]
        result.review_points += made["review_points"]

    def _rows(self, plan: Plan, found: dict[str, int]) -> list[PlanItem]:
        regulation = plan.regulation
        criteria = self.criteria[regulation.pk]
        # The weakest criteria first (the plan addresses what the self-assessment found lacking).
        ordered = sorted(
            criteria, key=lambda c: (found.get(c.code, self.rng.randint(0, 3)), self.rng.random())
        )
        statuses = (regulation.plan_form or {}).get("status_values") or []
        done_plan = plan.start_year < self.year
        out = []
        for n in range(self.rows):
            c = ordered[n % len(ordered)]
            theme = self._theme(regulation, c)
            row = self.rng.choice(texts.THEMES[theme])
            start_month = self.rng.choice((9, 10, 11, 12))
            end_month = self.rng.choice((12, 1, 3, 5))
            end_year = plan.start_year if end_month >= 9 else plan.start_year + 1
            amount = row["amount"]
            funding = row["funding"] or (self.rng.choice(texts.FUNDING_SOURCES) if amount else "")
            status = ""
            if statuses and done_plan:
                status = statuses[0] if self.rng.random() < 0.75 else statuses[-1]
            out.append(
                PlanItem(
                    plan=plan,
                    order=n + 1,
                    criterion_code=c.code,
                    criterion=c,
                    standard_number=c.standard.number,
                    level=str(min(3, found.get(c.code, 1) + 1)),
                    issue=row["issue"],
                    expected_result=row["expected_result"],
                    solutions=self.rng.choice(row["solutions"]),
                    indicator=row["indicator"],
                    lead_text=row["lead"],
                    coordinators_text=row["coordinators"],
                    time_text=f"Tháng {start_month}/{plan.start_year} - Tháng {end_month}/{end_year}",
                    start_month=f"{plan.start_year}-{start_month:02d}",
                    end_month=f"{end_year}-{end_month:02d}",
                    budget_text=f"{amount:,} đồng".replace(",", ".") if amount else "",
                    budget_amounts=[{"vnd": amount, "per": None}] if amount else [],
                    funding_source=funding,
                    status=status,
                )
            )
        return out
