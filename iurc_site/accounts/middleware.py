"""A password alone opens nothing: the second step is enforced here, for every request.

After the password, an editor who must pass a second step (policy.py) and has not in
this session is, under /admin/, sent to it (or to set one up, without a device) from
every address but the few the step itself needs; everywhere else (the public site,
private pages and documents) the session counts as anonymous.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from iurc_site.accounts.policy import (
    has_sign_in_device,
    is_verified,
    second_step_required,
)

ADMIN_PREFIX = "/admin/"
# What a session that gave only its password may open under /admin/.
OPEN_BEFORE_SECOND_STEP = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the icons of the step's pages
    "iurc_accounts:verify",
    "iurc_accounts:enrol",
    "iurc_accounts:enrol_totp",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


def _view_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _pending(user) -> bool:
    """Logged in with a password, but the second step is still to come."""
    return (
        user.is_authenticated and not is_verified(user) and second_step_required(user)
    )


class SecondStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ADMIN_PREFIX):
            user = request.user
            request.user = SimpleLazyObject(
                lambda: AnonymousUser() if _pending(user) else user
            )
            return self.get_response(request)
        user = request.user
        if not _pending(user) or _view_name(request) in OPEN_BEFORE_SECOND_STEP:
            return self.get_response(request)
        return self.second_step(request, user)

    def second_step(self, request, user):
        if has_sign_in_device(user):
            target = reverse("iurc_accounts:verify")
        else:
            target = reverse("iurc_accounts:enrol")
        if request.method in ("GET", "HEAD"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        accepts = request.headers.get("Accept", "")
        if "application/json" in accepts and "text/html" not in accepts:
            return JsonResponse(
                {"detail": _("Complete the second login step first."), "url": target},
                status=403,
            )
        return HttpResponseRedirect(target)
