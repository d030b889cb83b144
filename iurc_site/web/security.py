"""Security headers that depend on the request: the admin's relaxed Content-Security-Policy."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy relaxed for the Wagtail admin only.

    The public pages run no inline script or style, so their policy forbids both.
    Wagtail's admin writes inline scripts and styles, and frames its own previews:
    under CONTENT_SECURITY_POLICY_ADMIN_PREFIX the directives of
    CONTENT_SECURITY_POLICY_ADMIN_UPDATE are added and those of
    CONTENT_SECURITY_POLICY_ADMIN_REPLACE replace the site's.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefix = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_PREFIX", None)
        if report_only or not prefix or not request.path_info.startswith(prefix):
            return parts
        update = dict(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_UPDATE", {}))
        replace = dict(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_REPLACE", {}))
        # A view's own csp_update / csp_replace decorators still apply on top.
        for directive, sources in (parts.update or {}).items():
            update[directive] = [*update.get(directive, []), *sources]
        replace.update(parts.replace or {})
        return PolicyParts(
            config=parts.config, update=update, replace=replace, nonce=parts.nonce
        )


def lockout_response(request, original_response, credentials):
    """django-axes' answer to a locked-out login: a translated page, status 429.

    The passkey step's scripts send JSON and get their answer in JSON.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cool_off.total_seconds() / 60))
    if request.content_type == "application/json":
        response = JsonResponse(
            {
                "detail": ngettext(
                    "Too many failed logins. Please try again in %(minutes)s minute.",
                    "Too many failed logins. Please try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                "code": "locked_out",
            },
            status=429,
        )
    else:
        response = render(
            request,
            "lockout.html",
            {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
            status=429,
        )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
