"""Staff sign-in (issue 14, items 1-3): password, then a TOTP code or a backup code
(django-two-factor-auth over django-otp), enrolment at first sign-in, lockout after
repeated failures (django-axes) that a security administrator lifts, and sign-out
everywhere.

NIST SP 800-63B: AAL2 (4.2) takes a memorized secret and a second factor; a one-time
password is accepted once (5.1.4.2: django-otp's TOTP device keeps the last time step it
accepted, and a backup code is deleted when used); failed attempts are limited (5.2.2).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from two_factor.views import BackupTokensView, LoginView, SetupCompleteView, SetupView

from access.sessions import sign_out_everywhere
from audit.constants import SecurityEventKind
from audit.reads import client_address
from audit.security import record_security_event
from lib.api import error_response, is_api_request
from sorn.constants import Role
from sorn.roles import roles_of


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """django-axes' description of a client in its log lines: the path only. Usernames
    and addresses stay out of logs (they are in the audit, where they belong)."""
    return f"a client at {path_info}"


class SignInFailures(AxesDatabaseHandler):
    """django-axes' database handler, forgetting on a successful sign-in only that
    account's failures from that client (NIST SP 800-63B 5.2.2 limits *consecutive*
    failures of an account). Its own reset deletes every attempt matching any lockout
    parameter, and so every failure from the client's address, whichever account they
    were against: an insider could guess at a colleague's password twice, sign in to
    their own account, and guess again, never reaching the lock."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if username is None:
            return 0
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def is_security_administrator(user: Any) -> bool:
    """Unlocking accounts and ending another user's sessions is the security
    administrators' duty (sorn.constants.Role.SECURITY_ADMIN); a superuser (installation)
    may too."""
    return bool(user.is_active and user.is_staff) and (
        user.is_superuser or Role.SECURITY_ADMIN in roles_of(user)
    )


class AdminLayout:
    """The sign-in pages in the admin's layout: its header and titles."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        return {**admin.site.each_context(self.request), **context}


class StaffLoginView(AdminLayout, LoginView):
    """django-two-factor-auth's sign-in wizard, saying on the page whether a second
    factor is asked (off only in development, for the demo users of `./dev run`)."""

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["second_factor_required"] = settings.STAFF_MFA_REQUIRED
        return context


class StaffSetupCompleteView(AdminLayout, SetupCompleteView):
    pass


class StaffBackupTokensView(AdminLayout, BackupTokensView):
    pass


class StaffSetupView(AdminLayout, SetupView):
    """Enrolment of a TOTP device, for a signed-in user who has none. A user who has one
    is sent on (GET or POST alike): with a password alone, nobody adds a device to an
    account that already has its second factor."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user, confirmed=True):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)


@require_POST
@login_required
def sign_out(request: HttpRequest) -> HttpResponse:
    """End this session (POST only: a link must not sign anyone out)."""
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@require_POST
@login_required
def sign_out_everywhere_view(request: HttpRequest) -> HttpResponse:
    """End every session and API token of the signed-in user, this one included."""
    sign_out_everywhere(request.user, by=request.user, actor_addr=client_address(request))
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


class SignOutUserForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150)

    def clean_username(self):
        name = self.cleaned_data["username"]
        user = get_user_model()._default_manager.filter(username=name).first()
        if user is None:
            raise forms.ValidationError("No account has that username.")
        return user


def sign_out_user_view(request: HttpRequest) -> HttpResponse:
    """A security administrator ends every session and API token of another user (an
    account thought compromised, a device lost). In the admin (admin.site.admin_view)."""
    if not is_security_administrator(request.user):
        return render(request, "access/sign_out_user.html", {"refused": True}, status=403)
    form = SignOutUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        tokens = sign_out_everywhere(user, by=request.user, actor_addr=client_address(request))
        messages.success(
            request, f"{user.username} is signed out everywhere ({tokens} API token(s) revoked)."
        )
        return HttpResponseRedirect(reverse("signin-admin-sign-out-user"))
    context = {**admin.site.each_context(request), "form": form, "title": "Sign a user out"}
    return render(request, "access/sign_out_user.html", context)


# Lockouts (django-axes) ----------------------------------------------------------------


def unlock_sign_in(attempts: QuerySet, *, by: Any, actor_addr: str | None = None) -> int:
    """Lift the lockouts (and forget the failures) of the given axes.AccessAttempt rows,
    each audited in the same transaction. Returns how many were lifted."""
    users = get_user_model()._default_manager
    with transaction.atomic():
        rows = list(attempts.select_for_update())
        for attempt in rows:
            user = users.filter(username=attempt.username).first() if attempt.username else None
            record_security_event(
                SecurityEventKind.UNLOCKED,
                user=user,
                remote_addr=attempt.ip_address,
                actor=by,
                actor_addr=actor_addr,
                detail=f"{attempt.failures_since_start} failure(s) forgotten",
            )
        attempts.model.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


class LockoutAdmin(admin.ModelAdmin):
    """Failed sign-ins counted by django-axes, for security administrators: who and from
    where, how many, whether locked; the one action lifts a lock, audited. Rows are never
    edited or deleted here (a delete would lift a lock without an audit event)."""

    list_display = ["username", "ip_address", "failures_since_start", "locked", "attempt_time"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    readonly_fields = fields
    actions = ["unlock"]

    @admin.display(boolean=True, description="Locked")
    def locked(self, obj) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.action(description="Unlock: lift the lock and forget the failures")
    def unlock(self, request, queryset):
        count = unlock_sign_in(queryset, by=request.user, actor_addr=client_address(request))
        self.message_user(request, f"{count} lock(s) lifted.", messages.SUCCESS)

    def has_module_permission(self, request) -> bool:
        return is_security_administrator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_security_administrator(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): the sign-in
    page's "locked" page, and under the API (the token endpoint) the API's one error
    shape in JSON, as every other API answer (issue 13, item 6)."""
    if is_api_request(request):
        return error_response(
            429,
            "locked_out",
            "Too many failed sign-ins for this account or from this address. Ask a "
            "security administrator to unlock it.",
        )
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
