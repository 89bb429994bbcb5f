from django.urls import path

from regie.woo.public import feeds, views

app_name = "openbaar"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/<slug:kind>/", views.publication_file, name="file"),
    path("sitemap.xml", feeds.sitemap_index, name="sitemap_index"),
    path("sitemaps/<int:number>.xml", feeds.sitemap, name="sitemap"),
    path("inventaris.csv", feeds.inventory_as_csv, name="inventory_csv"),
    path("inventaris.pdf", feeds.inventory_as_pdf, name="inventory_pdf"),
]
