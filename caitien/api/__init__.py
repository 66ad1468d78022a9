"""The REST API (django-ninja) for office tools and school IT, over the plans' services and selectors."""
