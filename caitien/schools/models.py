"""Offices, schools, people and their roles."""

import re

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

from caitien.catalog.registry import SCHOOL_LEVELS
from caitien.text import fold

# An office's short code goes into addresses (`/api/offices/PGD-GODAU/rollup`) and commands
# (`caitien rollup --office PGD-GODAU`): plain letters, digits and hyphens, no diacritics.
OFFICE_CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{0,29}$"
OFFICE_CODE_HELP = "Chữ in hoa không dấu, chữ số và dấu gạch nối, ví dụ: PGD-GODAU, SO-TAYNINH"


def office_code_for(kind: str, place: str, name: str = "") -> str:
    """A code suggested from the office's kind and place: Phòng at "Gò Dầu" -> "PGD-GODAU"."""
    prefix = "SO" if kind == "so" else "PGD"
    words = fold(place or name).upper()
    tail = re.sub(r"[^A-Z0-9]", "", words)[:20]
    return f"{prefix}-{tail}" if tail else prefix


class Office(models.Model):
    """A Sở GDĐT (province) or a Phòng GDĐT (district) that oversees schools."""

    class Kind(models.TextChoices):
        SO = "so", "Sở Giáo dục và Đào tạo"
        PHONG = "phong", "Phòng Giáo dục và Đào tạo"

    name = models.CharField("tên", max_length=200)
    code = models.CharField(
        "mã cơ quan",
        max_length=30,
        unique=True,
        validators=[RegexValidator(OFFICE_CODE_PATTERN, f"Mã cơ quan chưa đúng dạng. {OFFICE_CODE_HELP}.")],
        help_text=OFFICE_CODE_HELP,
    )
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="cơ quan cấp trên",
    )
    place = models.CharField("địa danh", max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "cơ quan quản lý"
        verbose_name_plural = "cơ quan quản lý"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = unique_office_code(office_code_for(self.kind, self.place, self.name), exclude=self.pk)
        super().save(*args, **kwargs)

    def covered_offices(self):
        """This office and every office below it (a Sở sees its Phòng's schools)."""
        found, frontier = [self], [self]
        while frontier:
            frontier = list(Office.objects.filter(parent__in=frontier))
            found.extend(frontier)
        return found


def unique_office_code(code: str, exclude=None) -> str:
    """`code`, or `code-2`, `code-3`… when another office has it already."""
    taken = set(
        Office.objects.filter(code__startswith=code).exclude(pk=exclude).values_list("code", flat=True)
    )
    candidate, n = code, 1
    while candidate in taken:
        n += 1
        candidate = f"{code}-{n}"
    return candidate


class School(models.Model):
    name = models.CharField("tên trường", max_length=200)
    level = models.CharField("cấp học", max_length=12, choices=list(SCHOOL_LEVELS.items()))
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="schools", verbose_name="cơ quan quản lý"
    )
    governing_body = models.CharField(
        "cơ quan chủ quản", max_length=200, help_text="Ví dụ: UBND huyện Dầu Tiếng"
    )
    place = models.CharField("địa danh", max_length=100, help_text="Ghi ở dòng ngày tháng, ví dụ: Định Hiệp")
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    short_code = models.CharField(
        "ký hiệu viết tắt", max_length=20, unique=True, help_text="Dùng trong số văn bản, ví dụ: THĐP"
    )
    regulation = models.ForeignKey(
        "catalog.Regulation",
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name="văn bản đang áp dụng",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "trường"
        verbose_name_plural = "trường"

    def __str__(self):
        return self.name


class User(AbstractUser):
    full_name = models.CharField("họ và tên", max_length=150, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    PRINCIPAL = "principal", "Hiệu trưởng (Chủ tịch Hội đồng tự đánh giá)"
    VICE_PRINCIPAL = "vice_principal", "Phó Hiệu trưởng"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng tự đánh giá"
    MONITORING_MEMBER = "monitoring_member", "Thành viên Tổ giám sát"
    STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
    OFFICE_SPECIALIST = "office_specialist", "Chuyên viên Phòng/Sở GDĐT"
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"


SCHOOL_ROLES = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER, Role.MONITORING_MEMBER, Role.STAFF}


class Membership(models.Model):
    """A person's role in a school, or in an office (specialists). System admins need neither."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name="người dùng"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="trường",
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="cơ quan",
    )
    position = models.CharField(
        "chức vụ", max_length=100, blank=True, help_text="Ví dụ: Tổ trưởng chuyên môn khối 4"
    )

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "school"], name="unique_school_role"),
            models.CheckConstraint(
                name="membership_has_scope",
                condition=(
                    models.Q(role="system_admin")
                    | models.Q(role="office_specialist", office__isnull=False, school__isnull=True)
                    | (
                        models.Q(school__isnull=False, office__isnull=True)
                        & ~models.Q(role__in=["system_admin", "office_specialist"])
                    )
                ),
            ),
        ]

    def __str__(self):
        where = self.school or self.office or "hệ thống"
        return f"{self.user} — {self.get_role_display()} — {where}"
