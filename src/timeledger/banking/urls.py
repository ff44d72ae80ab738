from django.urls import path

from timeledger.banking import views as v

urlpatterns = [
    path("invoices/bank/", v.statements, name="bank_statements"),
    path("invoices/bank/auto/", v.auto_record, name="bank_auto_record"),
    path("invoices/bank/<int:pk>/<str:verb>/", v.transaction_action, name="bank_transaction"),
]
