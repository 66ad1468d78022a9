from django.db import models


class StoredFindings(models.Model):
    """The checker's findings on a saved plan, kept so that pages read them instead of running the
    checker on every view. `signature` is a digest of everything the findings depend on (the plan
    as a document, its self-assessment context, its status, the checker's code and the catalog);
    a plan whose signature differs is checked again and the row replaced."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    signature = models.CharField(max_length=64)
    findings = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả kiểm tra kế hoạch"
        verbose_name_plural = "kết quả kiểm tra kế hoạch"

    def __str__(self):
        return f"{self.plan_id}: {len(self.findings)}"
