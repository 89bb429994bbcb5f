"""The public publication pages (``/openbaar/``): for anyone, with no login, no session and no
cookie (``core.anonymous``), reading only through ``woo.public.selectors``.

A publication that is not published or withdrawn is answered exactly as a number that was never
used (404); the files of a withdrawn publication are gone (410). Nothing here is a read of
personal data: what these pages show has been redacted and approved by two coordinators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regie.core.anonymous import anonymous
from regie.core.policy import public
from regie.woo.export import diwoo
from regie.woo.models import Publication, PublishedFile
from regie.woo.public import selectors
from regie.woo.public.forms import SearchForm

MAX_AGE = 300

# url kind -> (stored kind, content type, disposition, file extension)
FILES = {
    "pdf": (PublishedFile.Kind.PDF, "application/pdf", "inline", "pdf"),
    "tekst": (PublishedFile.Kind.TEXT, "text/plain; charset=utf-8", "inline", "txt"),
    "diwoo": (PublishedFile.Kind.DIWOO, "application/xml; charset=utf-8", "attachment", "xml"),
}


def _label(name: str, resource: str) -> str:
    return diwoo.value_list(name).get(resource, resource)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "woo/public/not_found.html", status=404)


def _item(publication: Publication) -> dict[str, object]:
    return {
        "publication": publication,
        "category": _label("informatiecategorielijst", publication.information_category),
        "document_type": _label("documentsoortlijst", publication.document_type),
        "withdrawn": publication.status == Publication.Status.INGETROKKEN,
    }


@public
@anonymous(max_age=MAX_AGE)
def publication_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "woo/public/list.html",
            {"form": form, "items": [], "invalid": True},
            status=400,
        )
    filters = form.filters()
    page = selectors.listing(filters, request.GET.get("na") or None)
    query = request.GET.copy()
    query.pop("na", None)
    next_query = None
    if page.next_cursor:
        query["na"] = page.next_cursor
        next_query = query.urlencode()
    return render(
        request,
        "woo/public/list.html",
        {
            "form": form,
            "items": [_item(p) for p in page.items],
            "next_query": next_query,
            "first_page": not request.GET.get("na"),
            "filtered": bool(filters.words or filters.since or filters.until or filters.category),
        },
    )


@public
@anonymous(max_age=MAX_AGE)
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = selectors.publication(pk)
    if publication is None:
        return not_found(request)
    files = selectors.files(publication)
    return render(
        request,
        "woo/public/detail.html",
        {
            **_item(publication),
            "grounds": selectors.grounds_used(publication),
            "files": [
                (name, files[stored], extension)
                for name, (stored, _type, _disposition, extension) in FILES.items()
                if stored in files
            ],
        },
    )


@public
@anonymous(max_age=MAX_AGE)
def publication_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in FILES:
        return not_found(request)
    stored, content_type, disposition, extension = FILES[kind]
    found = selectors.published_file(pk, stored)
    if found is None:
        return not_found(request)
    publication, file = found
    if publication.status == Publication.Status.INGETROKKEN:
        return render(request, "woo/public/gone.html", _item(publication), status=410)
    if file is None:
        return not_found(request)
    response = HttpResponse(bytes(file.content), content_type=content_type)
    response["Content-Disposition"] = (
        f'{disposition}; filename="woo-publicatie-{publication.pk}.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{file.sha256}"'
    return response
