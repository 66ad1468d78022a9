"""The regulation catalog in the database, loaded from data/*.json by `caitien loadcatalog`."""

from django.db import models


class Regulation(models.Model):
    """One accreditation / quality-assurance regulation: a circular, or one appendix of it."""

    slug = models.SlugField("mã nội bộ", max_length=40, unique=True)
    code = models.CharField("số hiệu", max_length=40)  # "17/2018/TT-BGDĐT"
    appendix = models.CharField("phụ lục", max_length=40, blank=True)
    short_name = models.CharField("tên ngắn", max_length=80)
    name = models.TextField("tên văn bản")
    issued = models.DateField("ngày ban hành", null=True, blank=True)
    generation = models.CharField("thế hệ", max_length=10)
    school_levels = models.JSONField("cấp học áp dụng", default=list)
    verified = models.BooleanField("đã đối chiếu văn bản gốc", default=False)
    verification_note = models.TextField("ghi chú đối chiếu", blank=True)
    level_rules = models.JSONField("quy tắc xác định mức", default=dict)
    plan_form = models.JSONField("mẫu kế hoạch", default=dict)
    evidence_code = models.JSONField("mã minh chứng", default=dict)
    data_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["issued", "slug"]
        verbose_name = "văn bản quy định"
        verbose_name_plural = "văn bản quy định"

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        base = f"Thông tư {self.code}"
        return f"{base}, {self.appendix}" if self.appendix else base

    @property
    def registry(self):
        """The same regulation as plain data (caitien.catalog.registry)."""
        from caitien.catalog import registry

        return registry.get(self.slug)


class Standard(models.Model):
    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField("số")
    name = models.TextField("tên tiêu chuẩn")

    class Meta:
        ordering = ["regulation", "number"]
        unique_together = [("regulation", "number")]
        verbose_name = "tiêu chuẩn"
        verbose_name_plural = "tiêu chuẩn"

    def __str__(self):
        return f"Tiêu chuẩn {self.number}: {self.name}"


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("mã", max_length=10)  # "1.10"
    position = models.PositiveSmallIntegerField(default=0)
    name = models.TextField("tên tiêu chí")
    mandatory = models.BooleanField("bắt buộc", default=False)
    suggested_evidence = models.TextField("minh chứng gợi ý", blank=True)
    quantitative_indicators = models.JSONField("chỉ số định lượng", default=list, blank=True)
    search_text = models.TextField(blank=True)  # accent-folded name and indicator texts

    class Meta:
        ordering = ["standard__regulation", "standard__number", "position"]
        unique_together = [("standard", "code")]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"

    def __str__(self):
        return f"Tiêu chí {self.code}: {self.name}"

    @property
    def regulation(self):
        return self.standard.regulation


class Indicator(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="indicators")
    level = models.PositiveSmallIntegerField("mức")
    letter = models.CharField("chỉ báo", max_length=4, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField("nội dung")

    class Meta:
        ordering = ["criterion", "level", "position"]
        verbose_name = "chỉ báo"
        verbose_name_plural = "chỉ báo"

    def __str__(self):
        return f"{self.criterion.code} Mức {self.level} {self.letter}".strip()


class Level4Requirement(models.Model):
    """Mức 4 of the 2018 circulars: requirements of the whole school, not of one criterion."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="level4")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    paraphrase = models.TextField("diễn giải (chưa có nguyên văn)", blank=True)

    class Meta:
        ordering = ["regulation", "number"]
        verbose_name = "yêu cầu Mức 4"
        verbose_name_plural = "yêu cầu Mức 4"
