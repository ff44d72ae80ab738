from django.urls import path

from timeledger.timesheets import views

urlpatterns = [
    path("timer/", views.timer, name="timer"),
    path("timer/start/", views.timer_start, name="timer_start"),
    path("timer/stop/", views.timer_stop, name="timer_stop"),
    path("timer/switch/", views.timer_switch, name="timer_switch"),
    path("timer/restart/<int:pk>/", views.timer_restart, name="timer_restart"),
    path("timer/offline-sync/", views.timer_offline_sync, name="timer_offline_sync"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("today/", views.today, name="today"),
    path("week/", views.week, name="week"),
    path("grid/", views.grid, name="grid"),
    path("grid/row/", views.grid_row, name="grid_row"),
    path("grid/cell/", views.grid_cell, name="grid_cell"),
    path("grid/note/", views.grid_note, name="grid_note"),
    path("entries/new/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
]
