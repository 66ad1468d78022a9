from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "caitien.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_create_cache_table, sender=self)
        from caitien.web.client import trusted_proxies

        trusted_proxies()  # a mistyped CAITIEN_TRUSTED_PROXIES stops the start, with its reason


def _create_cache_table(using="default", **kwargs):
    """`migrate` also creates the database cache's table (settings CACHES), so every app server
    shares the same cache (download limits) without a separate step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
