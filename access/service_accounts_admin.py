"""Service accounts in the admin: a security administrator's (issue 13, item 3).

Creating one makes its user (no password, never staff) with the roles chosen; tokens are
issued one at a time on a page that shows the new token once and is never cached, and
revoked singly or all together. Deactivating the account revokes every token it holds.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from knox.models import AuthToken

from access.models import ServiceAccount
from access.service_accounts import (
    NotAServiceAccount,
    create_service_account,
    issue_token,
    revoke_tokens,
    set_roles,
)
from audit.models import ExternalRecipient
from sorn.constants import Role
from sorn.roles import holds_role

MANAGERS = frozenset({Role.SECURITY_ADMIN})


class ServiceAccountForm(forms.ModelForm):
    username = forms.RegexField(
        regex=r"^[a-z0-9][a-z0-9_.-]{2,59}$",
        help_text="Lower-case letters, digits, '.', '_' and '-'; 3 to 60 characters.",
        error_messages={"invalid": "Use 3 to 60 lower-case letters, digits, '.', '_' or '-'."},
    )
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the service may read and change, as for a staff user of these roles.",
    )
    active = forms.BooleanField(
        required=False,
        initial=True,
        help_text="A deactivated account's tokens are revoked and no new one can be issued.",
    )

    class Meta:
        model = ServiceAccount
        fields = ["description", "rate", "token_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["username"].disabled = True
            self.fields["username"].required = False
            self.initial.update(
                username=user.get_username(),
                # The groups, whether the account is active or not (roles_of gives an
                # inactive user none).
                roles=sorted(user.groups.values_list("name", flat=True)),
                active=user.is_active,
            )

    def clean_username(self) -> str:
        if self.instance.pk:
            return self.instance.user.get_username()
        name = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError("That name is taken.")
        return name


@admin.register(ServiceAccount)
class ServiceAccountAdmin(admin.ModelAdmin):
    form = ServiceAccountForm
    list_display = ["__str__", "roles", "active", "rate", "live_tokens", "created_at"]
    readonly_fields = ["tokens", "external_recipient", "created_at"]
    search_fields = ["user__username"]

    def get_fields(self, request, obj=None):
        fields = ["username", "roles", "description", "rate", "token_days"]
        if obj is None:
            return fields
        return [*fields, "active", "tokens", "external_recipient", "created_at"]

    # Only a security administrator manages service accounts.
    def _manages(self, request: HttpRequest) -> bool:
        return holds_role(request.user, MANAGERS)

    def has_module_permission(self, request) -> bool:
        return self._manages(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._manages(request)

    def has_add_permission(self, request) -> bool:
        return self._manages(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._manages(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivated, never deleted: the audit names the account

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description="roles")
    def roles(self, obj: ServiceAccount) -> str:
        return ", ".join(sorted(obj.user.groups.values_list("name", flat=True)))

    @admin.display(description="active", boolean=True)
    def active(self, obj: ServiceAccount) -> bool:
        return obj.user.is_active

    @admin.display(description="live tokens")
    def live_tokens(self, obj: ServiceAccount) -> int:
        return AuthToken.objects.filter(user=obj.user).count()

    @admin.display(description="tokens")
    def tokens(self, obj: ServiceAccount) -> str:
        rows = AuthToken.objects.filter(user=obj.user).order_by("created")
        listed = format_html_join(
            "",
            "<li>{} — issued {}, expires {}</li>",
            ((t.token_key, f"{t.created:%Y-%m-%d %H:%M}", f"{t.expiry:%Y-%m-%d %H:%M}")
             for t in rows),
        )  # fmt: skip
        actions = format_html(
            '<a class="button" href="{}">Issue a token</a> '
            '<a class="button" href="{}">Revoke tokens</a>',
            reverse("admin:access_serviceaccount_issue_token", args=[obj.pk]),
            reverse("admin:access_serviceaccount_revoke_tokens", args=[obj.pk]),
        )
        if not listed:
            return format_html("<p>No live token.</p>{}", actions)
        return format_html("<ul>{}</ul>{}", listed, actions)

    @admin.display(description="external recipient")
    def external_recipient(self, obj: ServiceAccount) -> str:
        recipient = ExternalRecipient.objects.filter(user=obj.user).first()
        if recipient is None:
            return (
                "Not an external recipient: its reads are uses inside the agency. A privacy "
                "officer records one (Audit › External recipients) to have every read "
                "accounted for as a disclosure."
            )
        return format_html(
            "{} — every read is accounted for as a disclosure under {}.",
            recipient.name,
            recipient.routine_use,
        )

    @transaction.atomic
    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        if not change:
            created = create_service_account(
                data["username"],
                data["roles"],
                data["description"],
                rate=data["rate"],
                token_days=data["token_days"],
            )
            obj.pk, obj.user, obj.created_at = created.pk, created.user, created.created_at
            return
        obj.save()
        set_roles(obj, data["roles"])
        user = obj.user
        if user.is_active != data["active"]:
            user.is_active = data["active"]
            user.save(update_fields=["is_active"])
            if not user.is_active:
                revoked = revoke_tokens(obj)
                messages.info(request, f"Deactivated; {revoked} token(s) revoked.")

    def save_related(self, request, form, formsets, change) -> None:
        pass  # the roles are the user's groups, set in save_model

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/issue-token/",
                view(self.issue_token_view),
                name="access_serviceaccount_issue_token",
            ),
            path(
                "<int:pk>/revoke-tokens/",
                view(self.revoke_tokens_view),
                name="access_serviceaccount_revoke_tokens",
            ),
            *super().get_urls(),
        ]

    def _account(self, request: HttpRequest, pk: int) -> ServiceAccount:
        if not self._manages(request):
            raise PermissionDenied
        account = ServiceAccount.objects.select_related("user").filter(pk=pk).first()
        if account is None:
            raise Http404("No such service account.")
        return account

    def _page(self, request, account, template: str, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            f"admin/access/serviceaccount/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "account": account,
                "title": f"Service account {account}",
                "tokens": AuthToken.objects.filter(user=account.user).order_by("created"),
                **context,
            },
        )

    def issue_token_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: what issuing does; POST: a new token, shown on this answer only (never
        cached, never put in a message that would sit in the session)."""
        account = self._account(request, pk)
        if request.method != "POST":
            return self._page(request, account, "issue_token.html")
        try:
            token, expiry = issue_token(account)
        except NotAServiceAccount as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(
                reverse("admin:access_serviceaccount_change", args=[account.pk])
            )
        response = self._page(request, account, "token_issued.html", token=token, expiry=expiry)
        add_never_cache_headers(response)
        return response

    def revoke_tokens_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: the live tokens to choose from; POST: revoke the chosen ones (or all)."""
        account = self._account(request, pk)
        if request.method != "POST":
            return self._page(request, account, "revoke_tokens.html")
        keys = request.POST.getlist("token_key")
        revoked = revoke_tokens(account, None if request.POST.get("all") else keys)
        messages.success(request, f"{revoked} token(s) revoked.")
        return HttpResponseRedirect(
            reverse("admin:access_serviceaccount_change", args=[account.pk])
        )
