from django.shortcuts import render

from caitien.catalog.models import Regulation


def index(request):
    return render(request, "catalog/index.html", {"regulations": Regulation.objects.all()})
