"""The second login step and the editors' own two-factor settings (docs/two-factor.md).

verify: the code (or passkey) after the password. enrol, enrol_totp: setting up an
authenticator app or a passkey, which an editor without one is sent to after the
password. recovery_codes: ten codes, each usable once, shown only when made. account:
the editor's devices. reset: an administrator removes another user's devices.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from iurc_site.accounts import devices, throttle
from iurc_site.accounts.forms import CodeForm, ConfirmForm
from iurc_site.accounts.policy import (
    devices_of,
    has_sign_in_device,
    is_verified,
    required_by_policy,
    unused_recovery_codes,
)
from iurc_site.web.security import lockout_response

ENROLMENT_SALT = "iurc_accounts.enrol_totp"


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}"


def _logged_in(view):
    """Anonymous visitors go to the password step first."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(_with_next(reverse("wagtailadmin_login"), request.path))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


def _locked_out(request):
    user = request.user
    credentials = {"username": user.get_username()}
    logout(request)
    return lockout_response(request, None, credentials)


def _render(request, template, context, status=200):
    return render(request, f"iurc_site/accounts/{template}", context, status=status)


@_logged_in
def verify(request):
    """The code from the authenticator app, a recovery code, or a passkey."""
    user = request.user
    next_url = _next_url(request)
    if is_verified(user):
        return redirect(next_url)
    if not has_sign_in_device(user):
        return redirect(_with_next(reverse("iurc_accounts:enrol"), next_url))
    if throttle.is_locked_out(request, user):
        return _locked_out(request)
    form = CodeForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        # The devices locked while checked: two requests cannot both use one code.
        with transaction.atomic():
            verified = form.verify(list(devices_for_user(user, for_verify=True)))
        if verified:
            otp_login(request, form.device)
            throttle.login_complete(request, user)
            if isinstance(form.device, StaticDevice):
                left = unused_recovery_codes(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)s is left. Make new ones "
                        "in your two-factor settings.",
                        "You used a recovery code; %(count)s are left. Make new ones "
                        "in your two-factor settings.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        if throttle.count_failure(request, user):
            return redirect("wagtailadmin_login")  # replaced by the lockout page
    status = 400 if request.method == "POST" else 200
    return _render(
        request,
        "verify.html",
        {
            "form": form,
            "next": next_url,
            "has_passkey": WebAuthnCredential.objects.filter(
                user=user, confirmed=True
            ).exists(),
        },
        status=status,
    )


def _may_enrol(user):
    """Without a device, right after the password; otherwise only once verified."""
    return is_verified(user) or not has_sign_in_device(user)


@_logged_in
def enrol(request):
    """Choose: an authenticator app (a new secret, then its page) or a passkey."""
    user = request.user
    next_url = _next_url(request)
    if not _may_enrol(user):
        return redirect(_with_next(reverse("iurc_accounts:verify"), next_url))
    if throttle.is_locked_out(request, user):
        return _locked_out(request)
    if request.method == "POST":
        device = devices.new_authenticator(user)
        token = signing.dumps(
            {"user": user.pk, "device": device.pk}, salt=ENROLMENT_SALT
        )
        return redirect(
            _with_next(reverse("iurc_accounts:enrol_totp", args=[token]), next_url)
        )
    return _render(
        request,
        "enrol.html",
        {
            "next": next_url,
            "required": required_by_policy(user),
            "first_device": not has_sign_in_device(user),
        },
    )


@_logged_in
def enrol_totp(request, token):
    """The QR code and secret of a new authenticator, and the code that confirms it."""
    user = request.user
    next_url = _next_url(request)
    if not _may_enrol(user):
        return redirect(_with_next(reverse("iurc_accounts:verify"), next_url))
    if throttle.is_locked_out(request, user):
        return _locked_out(request)
    try:
        data = signing.loads(
            token, salt=ENROLMENT_SALT, max_age=settings.ADMIN_2FA_ENROLMENT_MAX_AGE
        )
        if data["user"] != user.pk:
            raise signing.BadSignature("another user's set-up page")
        device = TOTPDevice.objects.get(pk=data["device"], user=user, confirmed=False)
    except signing.SignatureExpired:
        device = None
        message = _(
            "This set-up page has expired. Start again: your app gets a new secret."
        )
    except (signing.BadSignature, KeyError, TypeError, TOTPDevice.DoesNotExist):
        device = None
        message = _(
            "This set-up page is not valid (it was used, replaced or changed). Start again."
        )
    if device is None:
        if throttle.count_failure(request, user):
            return redirect("wagtailadmin_login")  # replaced by the lockout page
        messages.error(request, message)
        return redirect(_with_next(reverse("iurc_accounts:enrol"), next_url))

    form = CodeForm(
        request.POST if request.method == "POST" else None,
        user=user,
        allow_recovery=False,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            verified = form.verify(
                [TOTPDevice.objects.select_for_update().get(pk=device.pk)]
            )
        if verified:
            device = form.device
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            first = not is_verified(user)
            if first:
                otp_login(request, device)
            throttle.login_complete(request, user)
            codes = devices.new_recovery_codes(user) if first else None
            return _render(
                request,
                "enrolled.html",
                {"next": next_url, "codes": codes, "device": device},
            )
        if throttle.count_failure(request, user):
            return redirect("wagtailadmin_login")  # replaced by the lockout page
    return _render(
        request,
        "enrol_totp.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": devices.qr_code_svg(device.config_url),
            "secret": devices.secret_for_typing(device),
            "minutes": max(1, settings.ADMIN_2FA_ENROLMENT_MAX_AGE // 60),
        },
        status=400 if request.method == "POST" else 200,
    )


@_logged_in
def recovery_codes(request):
    """New codes are shown once: after the first passkey, or when asked for (POST)."""
    user = request.user
    if not is_verified(user):  # the middleware sends such sessions to the second step
        raise PermissionDenied
    codes = None
    if request.method == "POST" or unused_recovery_codes(user) == 0:
        codes = devices.new_recovery_codes(user)
    return _render(
        request,
        "recovery_codes.html",
        {
            "codes": codes,
            "left": unused_recovery_codes(user),
            "next": _next_url(request),
        },
    )


@_logged_in
def account(request):
    """The editor's own devices, with what can be added or removed."""
    user = request.user
    return _render(
        request,
        "account.html",
        {
            "authenticators": TOTPDevice.objects.filter(user=user, confirmed=True),
            "passkeys": WebAuthnCredential.objects.filter(user=user, confirmed=True),
            "recovery_codes_left": unused_recovery_codes(user),
            "required": required_by_policy(user),
        },
    )


@_logged_in
@require_POST
def remove_device(request, kind, pk):
    """Remove one of the editor's own authenticators or passkeys."""
    model = {"totp": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    if model is None:
        raise Http404
    device = get_object_or_404(model, pk=pk, user=request.user)
    device.delete()
    messages.success(request, _("Removed “%(name)s”.") % {"name": device.name})
    if not has_sign_in_device(request.user) and required_by_policy(request.user):
        messages.warning(
            request, _("Set up a new second step: your account needs one.")
        )
        return redirect("iurc_accounts:enrol")
    return redirect("iurc_accounts:account")


def may_reset(administrator, user) -> bool:
    """Administrators who may change users may reset them; a superuser's, only a
    superuser."""
    if not administrator.has_perm("auth.change_user"):
        return False
    return administrator.is_superuser or not user.is_superuser


@_logged_in
def reset(request, user_id):
    """An administrator removes every device of a user who lost theirs."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, user):
        raise PermissionDenied
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        removed = devices.reset_two_factor(user, by=request.user)
        messages.success(
            request,
            ngettext(
                "Two-factor login of “%(user)s” reset: %(count)s device removed. "
                "They set up a new one at their next login.",
                "Two-factor login of “%(user)s” reset: %(count)s devices removed. "
                "They set up a new one at their next login.",
                len(removed),
            )
            % {"user": user.get_username(), "count": len(removed)},
        )
        return redirect("wagtailusers_users:index")
    return _render(
        request,
        "reset.html",
        {"target": user, "devices": [devices.describe(d) for d in devices_of(user)]},
    )
