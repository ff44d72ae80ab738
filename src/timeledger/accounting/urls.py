from django.urls import path

from timeledger.accounting import views as v

urlpatterns = [
    path("invoices/books/", v.books, name="accounting_books"),
    path("invoices/books/export/", v.export, name="accounting_export"),
    path("invoices/books/mapping/", v.mapping, name="accounting_mapping"),
    path("invoices/books/chart/", v.chart, name="accounting_chart"),
    path("invoices/books/exports/<int:pk>/download/", v.download, name="accounting_download"),
]
