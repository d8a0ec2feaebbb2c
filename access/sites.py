"""The staff admin site: no page without a verified second factor (issue 14, item 1).

NIST SP 800-63B, 4.2 (AAL2): access to records about people takes two factors. The admin
site itself refuses, not only the sign-in page: `has_permission` is what Django's
`admin_view` asks before every admin page (the index, every ModelAdmin's views, the
custom views wrapped with `admin.site.admin_view` such as /admin/retention/dashboard/ and
the staff pages under /staff/), so a password-only session reaches none of them, however
it was made. django-two-factor-auth's AdminSiteOTPRequired does the same check but is a
class decided at import; this one reads STAFF_MFA_REQUIRED on each request, so that the
tests (DEBUG on, second factor off) can turn it on with override_settings.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device


def second_factor_required(user) -> bool:
    """Every account that signs in signs in with a second factor, unless
    STAFF_MFA_REQUIRED is off (development only: config/settings.py refuses it with
    DEBUG off). Not only staff: roles, not staff status, decide what an account reads
    through the API, and a role holder whose staff status is off (as Django's user admin
    adds a user) would otherwise read records with a password alone. Service accounts
    have no password and sign in nowhere (access/service_accounts.py)."""
    return bool(settings.STAFF_MFA_REQUIRED and user.is_authenticated)


def second_factor_missing(request: HttpRequest) -> bool:
    """A signed-in user whose session has not passed a second factor, where one is
    required. Unverified unless django-otp's middleware said otherwise."""
    user = request.user
    if not second_factor_required(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


def second_factor_step(request: HttpRequest, next_url: str) -> HttpResponse:
    """Where a session without its second factor goes: enrolment, for a user who has no
    device yet (first sign-in), and otherwise the sign-in page (password, then code)."""
    user = request.user
    if user.is_authenticated and not user_has_device(user, confirmed=True):
        return HttpResponseRedirect(
            f"{reverse('two_factor:setup')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
        )
    return redirect_to_login(next_url)


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not second_factor_missing(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """One sign-in page for staff (access/signin.py): the admin's own form would
        take a password alone."""
        next_url = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
        if not next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if super().has_permission(request):  # staff, signed in, second factor missing
            return second_factor_step(request, next_url)
        return redirect_to_login(next_url)
