"""The AI register's pages."""

from django.urls import path, re_path

from airegister import exporting, monitor_views, sharing_views, views

urlpatterns = [
    path("ai-monitor/", monitor_views.page, name="ai_monitor"),
    path("ai-register/", views.register, name="ai_register"),
    path("ai-register/nieuw/", views.create, name="ai_application_create"),
    path("ai-register/importeren/", views.import_upload, name="ai_register_import"),
    path("ai-register/<int:pk>/", views.detail, name="ai_application_detail"),
    path("ai-register/<int:pk>/bewerken/", views.update, name="ai_application_update"),
    path("ai-register/<int:pk>/verwijderen/", views.delete, name="ai_application_delete"),
    path("ai-register/gedeeld/", sharing_views.shared_list, name="ai_shared_list"),
    path("ai-register/gedeeld/<int:pk>/", sharing_views.shared_detail, name="ai_shared_detail"),
    path(
        "ai-register/gedeeld/<int:pk>/interesse/",
        sharing_views.express_interest,
        name="ai_interest_express",
    ),
    path(
        "ai-register/gedeeld/<int:pk>/interesse/intrekken/",
        sharing_views.withdraw_interest,
        name="ai_interest_withdraw",
    ),
    path("ai-register/<int:pk>/delen/", sharing_views.toggle_shared, name="ai_application_share"),
    path(
        "ai-register/<int:pk>/coalitie/",
        sharing_views.start_coalition,
        name="ai_coalition_start",
    ),
    re_path(
        r"^ai-register/export\.(?P<fmt>csv|xlsx|json)$",
        exporting.export,
        name="ai_register_export",
    ),
]
