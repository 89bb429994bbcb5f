from django.urls import path, register_converter

from regie.woo.public import feeds, views


class Infocat:
    """The three digits of an information category in the harvester's names (``008``)."""

    regex = "[0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:03d}"


register_converter(Infocat, "infocat")

app_name = "openbaar"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/<slug:kind>/", views.publication_file, name="file"),
    path("sitemap.xml", feeds.sitemap_index, name="sitemap_index"),
    path("sitemaps/<int:number>.xml", feeds.sitemap, name="sitemap"),
    path(
        "sitemaps/sitemapindex-diwoo-infocat<infocat:infocat>.xml",
        feeds.category_index,
        name="category_index",
    ),
    path(
        "sitemaps/infocat<infocat:infocat>-<int:number>.xml",
        feeds.category_sitemap,
        name="category_sitemap",
    ),
    path("inventaris.csv", feeds.inventory_as_csv, name="inventory_csv"),
    path("inventaris.pdf", feeds.inventory_as_pdf, name="inventory_pdf"),
]
