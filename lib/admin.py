"""Admin building blocks for record models.

`RecordAdmin` searches through blind indexes (an exact, normalised match: the admin never
filters on ciphertext) and, until the policy gate decides per role, shows encrypted values
masked in change lists.
"""

from __future__ import annotations

from django.contrib import admin

from keystore.fields import BlindIndexField, EncryptedMixin, index_token
from lib.masking import mask


class RecordAdmin(admin.ModelAdmin):
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
            if self.blind_search and isinstance(field, BlindIndexField):
                token = index_token(field.kind, term)
                if token:
                    tokens.setdefault(field.name, token)
        matched = queryset.none()
        for name, token in tokens.items():
            matched = matched | queryset.filter(**{name: token})
        if self.search_fields:
            plain, may_have_duplicates = super().get_search_results(request, queryset, term)
            return matched | plain, may_have_duplicates
        return matched, False

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        for field in self.model._meta.concrete_fields:
            if isinstance(field, BlindIndexField) and field.name not in readonly:
                readonly.append(field.name)
        return readonly

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        return excluded + [
            f.name for f in self.model._meta.concrete_fields if isinstance(f, BlindIndexField)
        ]


def masked_column(field_name: str, how: str = "full", description: str | None = None):
    """A change-list column showing an encrypted field masked."""

    def column(obj):
        return mask(getattr(obj, field_name), how)

    column.short_description = description or field_name.replace("_", " ")
    column.gated_field = field_name  # the policy gate decides per user how to show it
    return column


def is_encrypted(model, field_name: str) -> bool:
    return isinstance(model._meta.get_field(field_name), EncryptedMixin)
