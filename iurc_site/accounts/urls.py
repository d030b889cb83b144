"""/admin/two-factor/: the second login step, enrolment, recovery codes, reset."""

from django.urls import path

from django_otp_webauthn import views as webauthn_views

from iurc_site.accounts import views, webauthn

app_name = "iurc_accounts"

# django-otp-webauthn's URL names, with our views where they differ (webauthn.py).
webauthn_patterns = (
    [
        path(
            "registration/begin/",
            webauthn_views.BeginCredentialRegistrationView.as_view(),
            name="credential-registration-begin",
        ),
        path(
            "registration/complete/",
            webauthn.CompleteRegistrationView.as_view(),
            name="credential-registration-complete",
        ),
        path(
            "authentication/begin/",
            webauthn.BeginAuthenticationView.as_view(),
            name="credential-authentication-begin",
        ),
        path(
            "authentication/complete/",
            webauthn.CompleteAuthenticationView.as_view(),
            name="credential-authentication-complete",
        ),
        path(
            "jsi18n/",
            webauthn.javascript_catalog,
            name="js-i18n-catalog",
        ),
    ],
    "otp_webauthn",
)

urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("set-up/app/<str:token>/", views.enrol_totp, name="enrol_totp"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/<str:kind>/<int:pk>/", views.remove_device, name="remove_device"),
    path("reset/<int:user_id>/", views.reset, name="reset"),
]
