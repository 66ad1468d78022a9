"""The school's staff directory: people, their positions (chức vụ), and the groups they belong to.

A person need not have an account: the directory lists every member of staff so rows and tasks can
name them; a person who signs in is linked to their user. Parties outside the staff (Ban đại diện
CMHS) are groups too, marked as outside.
"""

from django.conf import settings
from django.db import models

from caitien.schools.models import School


class Person(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="people", verbose_name="trường")
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField(
        "chức vụ", max_length=100, blank=True, help_text="Ví dụ: Kế toán, Tổ trưởng chuyên môn"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="tài khoản",
    )
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    active = models.BooleanField("đang công tác", default=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["school", "order", "full_name", "id"]
        verbose_name = "cán bộ, giáo viên, nhân viên"
        verbose_name_plural = "cán bộ, giáo viên, nhân viên"

    def __str__(self):
        return f"{self.full_name} ({self.position})" if self.position else self.full_name


class Group(models.Model):
    class Kind(models.TextChoices):
        SUBJECT = "subject", "Tổ chuyên môn"
        OFFICE = "office", "Tổ văn phòng"
        GRADE = "grade", "Khối"
        COUNCIL = "council", "Hội đồng tự đánh giá"
        MONITORING = "monitoring", "Tổ giám sát"
        BOARD = "board", "Ban giám hiệu"
        PARENTS = "parents", "Ban đại diện cha mẹ học sinh"
        OTHER = "other", "Khác"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups", verbose_name="trường")
    name = models.CharField("tên", max_length=150)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.OTHER)
    outside = models.BooleanField("ngoài nhà trường", default=False)
    members = models.ManyToManyField(Person, through="GroupMember", related_name="groups", blank=True)

    class Meta:
        ordering = ["school", "kind", "name"]
        verbose_name = "tổ, nhóm"
        verbose_name_plural = "tổ, nhóm"
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="group_name_unique_in_school")]

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", "Tổ trưởng, trưởng ban"
        DEPUTY = "deputy", "Tổ phó, phó ban"
        SECRETARY = "secretary", "Thư ký"
        MEMBER = "member", "Thành viên"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField("vai trò trong tổ", max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = "thành viên tổ, nhóm"
        verbose_name_plural = "thành viên tổ, nhóm"
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_group")]

    def __str__(self):
        return f"{self.person} — {self.group}"


class ResponsibleMapping(models.Model):
    """What a lead or coordinator text the resolver did not understand means in this school, decided
    once by the principal ("Cô Sáu" → a person, "Bộ phận bán trú" → a group, "Nhà trường" → nobody)
    and used for every plan of the school from then on. `key` is the text as the resolver compares
    it (no diacritics, abbreviations written out), so "BP bán trú" and "bp ban tru" share one mapping."""

    class Kind(models.TextChoices):
        PERSON = "person", "Một người"
        GROUP = "group", "Một tổ, nhóm"
        POSITION = "position", "Một chức vụ"
        NOBODY = "nobody", "Không phải người phụ trách cụ thể"

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="responsible_mappings", verbose_name="trường"
    )
    text = models.CharField("cách ghi", max_length=200)
    key = models.CharField("khóa so khớp", max_length=200, editable=False)
    kind = models.CharField("ứng với", max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="người"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="tổ, nhóm"
    )
    position = models.CharField("chức vụ", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "text"]
        verbose_name = "cách ghi người phụ trách"
        verbose_name_plural = "cách ghi người phụ trách"
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="one_mapping_per_text")]

    def __str__(self):
        return self.text
