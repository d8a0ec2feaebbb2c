"""Admin building blocks for record models.

`RecordAdmin` is a ModelAdmin behind the policy gate (sorn/admin_gate.py): what each user
sees and changes is decided by sorn.policy. Its search box goes through blind indexes (an
exact, normalised match: the admin never filters on ciphertext), and only through the
indexes of fields the user may read in clear. Inlines of record models are
`RecordTabularInline` / `RecordStackedInline` (an ungated inline is dropped). List an
encrypted field in list_display by its name: the gate shows it in clear, masked or not at
all, per user.
"""

from __future__ import annotations

from django.contrib import admin

from keystore.fields import BlindIndexField, index_token
from sorn.admin_gate import GatedAdminMixin, GatedStackedInline, GatedTabularInline
from sorn.policy import Access, field_access

RecordTabularInline = GatedTabularInline
RecordStackedInline = GatedStackedInline


class RecordAdmin(GatedAdminMixin, admin.ModelAdmin):
    # Blind-indexed fields searched with the term as typed, normalised per index kind;
    # plain `search_fields` (clear identifiers such as order numbers) work as usual.
    blind_search = True
    list_per_page = 50
    show_full_result_count = False  # a COUNT(*) over millions of rows per page is waste

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        tokens = {}
        for field in queryset.model._meta.concrete_fields:
            if not (self.blind_search and isinstance(field, BlindIndexField)):
                continue
            # Searching by a value is reading it: only indexes of fields read in clear.
            if field_access(request.user, queryset.model, field.name) < Access.READ:
                continue
            token = index_token(field.kind, term)
            if token:
                tokens.setdefault(field.name, token)
        matched = queryset.none()
        for name, token in tokens.items():
            matched = matched | queryset.filter(**{name: token})
        if term.isdigit():
            matched = matched | queryset.filter(pk=int(term))  # a record's number
        if self._declared_search_fields(request):
            plain, may_have_duplicates = super().get_search_results(request, queryset, term)
            return matched | plain, may_have_duplicates
        return matched, False

    def _declared_search_fields(self, request) -> list[str]:
        return [f for f in super().get_search_fields(request) if f != "=pk"]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        # The change list shows its search box only when search_fields is not empty; the
        # blind indexes and the record number are searched by get_search_results.
        return fields or (["=pk"] if self._has_blind_search(request) else [])

    def _has_blind_search(self, request) -> bool:
        return any(
            isinstance(f, BlindIndexField)
            and field_access(request.user, self.model, f.name) >= Access.READ
            for f in self.model._meta.concrete_fields
        )
