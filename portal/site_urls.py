"""The portal core's own pages: log-in, password, two-step verification, account and
the organisation directory."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from portal import account_views
from portal import views as portal_views
from portal.login import ThrottledAuthenticationForm
from portal.two_factor import views as two_factor_views

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account_views.account, name="account"),
    path(
        "account/wachtwoord/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "account/tweestapsverificatie/instellen/",
        two_factor_views.setup,
        name="two_factor_setup",
    ),
    path(
        "account/tweestapsverificatie/controle/",
        two_factor_views.verify,
        name="two_factor_verify",
    ),
    path(
        "account/tweestapsverificatie/reservecodes/",
        two_factor_views.renew_backup_codes,
        name="two_factor_backup_codes",
    ),
    path(
        "account/tweestapsverificatie/uitzetten/",
        two_factor_views.switch_off,
        name="two_factor_switch_off",
    ),
    # Under /i18n/, which the second-factor check leaves open, as Django's set_language.
    path("i18n/taal/<str:code>/", portal_views.switch_language, name="switch_language"),
    path("mijn-portaal/", portal_views.start, name="start"),
    path("organisaties/", portal_views.organization_list, name="organization_list"),
    path("organisaties/<slug:slug>/", portal_views.organization_detail, name="organization_detail"),
]
