from django import forms
from django.contrib import admin
from django.db import transaction

from access.admin import RecordAdmin, RecordStackedInline, RecordTabularInline
from access.policy import visible_systems, writable_fields
from customers.constants import ChangeChannel, PreferenceName
from customers.models import (
    Address,
    Credential,
    Person,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    ProgramParticipation,
    SystemRelationship,
)
from customers.services import enrol_person, set_preference
from sorn.constants import SystemSlug


class AddressInline(RecordStackedInline):
    model = Address
    extra = 0
    exclude = ["address_index"]


class PhoneInline(RecordTabularInline):
    model = PhoneNumber
    extra = 0
    exclude = ["number_index"]


class RelationshipInline(RecordTabularInline):
    model = SystemRelationship
    extra = 0


def enrolling_systems(user) -> list[str]:
    """The systems the user may record a new person in: where it may write the person's
    name (the customer ID is assigned by the service)."""
    return [
        s
        for s in sorted(visible_systems(user, Person))
        if "family_name" in writable_fields(user, Person, frozenset({s}))
    ]


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = [
        "customer_id",
        "family_name",
        "email",
        "created_at",
    ]
    search_fields = ["customer_id"]
    list_filter = ["relationships__system", "relationships__status"]
    inlines = [AddressInline, PhoneInline, RelationshipInline]

    # A person is created only together with a first relationship with a system: a
    # person of no system is one nobody may see, no request finds and no schedule ends.
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form
        systems = [(s, SystemSlug(s).label) for s in enrolling_systems(request.user)]
        user = request.user

        class FirstSystemForm(form):
            first_system = forms.ChoiceField(
                label="System of records",
                choices=[("", "---------"), *systems],
                help_text="The system the person is first recorded in; it starts today.",
            )

            def clean(self):
                cleaned = super().clean()
                system = cleaned.get("first_system")
                if system:
                    allowed = set(writable_fields(user, Person, frozenset({system})))
                    for name, value in cleaned.items():
                        if (
                            name in self._meta.fields
                            and value not in (None, "")
                            and (name not in allowed)
                        ):
                            self.add_error(
                                name,
                                f"{SystemSlug(system).label} does not publish this field, or "
                                "your roles may not write it there: leave it empty.",
                            )
                return cleaned

        return FirstSystemForm

    def has_add_permission(self, request, obj=None) -> bool:
        return self._sees(request) and bool(enrolling_systems(request.user))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return ["first_system", *fields] if obj is None else fields

    def _form_fields(self, request, obj=None) -> list[str]:
        # The model form's own fields; `first_system` is declared by the add form.
        return [f for f in super()._form_fields(request, obj) if f != "first_system"]

    def get_inline_instances(self, request, obj=None):
        # Addresses and phones are added once the person exists, under its system's rights.
        return [] if obj is None else super().get_inline_instances(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        enrol_person(obj, form.cleaned_data["first_system"])


@admin.register(Address)
class AddressAdmin(RecordAdmin):
    list_display = ["person", "kind", "state", "postal_code"]
    list_filter = ["kind", "state"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(PhoneNumber)
class PhoneNumberAdmin(RecordAdmin):
    list_display = ["person", "kind", "number"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Credential)
class CredentialAdmin(RecordAdmin):
    list_display = ["person", "system", "verification_question"]
    list_filter = ["system"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
    # Hashes are never shown, not even masked.
    exclude = ["password_hash", "verification_answer_hash"]


@admin.register(SystemRelationship)
class SystemRelationshipAdmin(RecordAdmin):
    list_display = ["person", "system", "system_customer_id", "status", "started_on", "ended_on"]
    list_filter = ["system", "status"]
    search_fields = ["system_customer_id"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
    date_hierarchy = "ended_on"


@admin.register(ProgramParticipation)
class ProgramParticipationAdmin(RecordAdmin):
    list_display = ["person", "system", "program", "started_on", "ceased_on"]
    list_filter = ["system", "program"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Preferences)
class PreferencesAdmin(RecordAdmin):
    list_display = ["person", "system", "usps_marketing", "partner_marketing", "updated_at"]
    list_filter = ["system", "usps_marketing", "partner_marketing", "web_measurement_opt_in"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]

    def save_model(self, request, obj, form, change):
        # A preference changed here is a consent change like any other: through
        # set_preference, so the history says who changed it, when and how.
        changed = [name for name in form.changed_data if name in PreferenceName.values]
        if not change or not changed:
            return super().save_model(request, obj, form, change)
        others = [name for name in form.changed_data if name not in PreferenceName.values]
        with transaction.atomic():
            for name in changed:
                set_preference(
                    obj.person,
                    obj.system,
                    name,
                    form.cleaned_data[name],
                    channel=ChangeChannel.ADMIN,
                    changed_by=request.user,
                )
            if others:
                obj.save(update_fields=others)
        return None


@admin.register(PreferenceChange)
class PreferenceChangeAdmin(RecordAdmin):
    list_display = [
        "person",
        "system",
        "preference",
        "old_value",
        "new_value",
        "changed_at",
        "channel",
    ]
    list_filter = ["system", "preference", "channel"]
    list_select_related = ["person"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # history is written by customers.services.set_preference only

    def has_add_permission(self, request) -> bool:
        return False
