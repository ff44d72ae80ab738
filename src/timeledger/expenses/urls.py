"""Expense screens, under ``/expenses/`` (see ``timeledger.urls``)."""

from django.urls import path

from timeledger.expenses import views

urlpatterns = [
    path("", views.expense_list, name="expense_list"),
    path("submit/", views.submit, name="expense_submit"),
    path("approve/", views.approve_list, name="expense_approvals"),
    path("categories/", views.categories, name="expense_categories"),
    path("reimbursements/", views.reimbursements, name="expense_reimbursements"),
    path("<int:pk>/receipt/", views.receipt, name="expense_receipt"),
    path("invoices/<int:pk>/receipts/", views.invoice_receipts, name="invoice_receipts"),
    path("i/<str:token>/receipts/", views.public_receipts, name="public_invoice_receipts"),
]
