from django.urls import path

from timeledger.payments import views as v

urlpatterns = [
    path("invoices/<int:pk>/pay/", v.invoice_pay, name="invoice_pay"),
    path("invoices/payments/", v.payment_list, name="payment_list"),
    path("invoices/payments/<int:pk>/reverse/", v.payment_reverse, name="payment_reverse"),
    path("invoices/aging/", v.aging_report, name="invoice_aging"),
    path("invoices/reminders/run/", v.reminders_run, name="invoice_reminders_run"),
    path("invoices/reminders/", v.reminder_levels, name="invoice_reminder_levels"),
]
