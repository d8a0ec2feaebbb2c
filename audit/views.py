from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from audit.services import access_history, disclosures_of
from customers.models import Person
from sorn.constants import Role
from sorn.policy import restrict_queryset, roles_of


@staff_member_required
def person_access_history(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who has seen this person's records, and to whom they were disclosed: for the
    privacy officer answering a request and the auditor reviewing access."""
    if not {Role.PRIVACY_OFFICER, Role.AUDITOR} & roles_of(request.user):
        raise PermissionDenied
    person = get_object_or_404(restrict_queryset(request.user, Person.objects.all()), pk=person_id)
    return render(
        request,
        "audit/access_history.html",
        {
            "person": person,
            "events": access_history(person.pk)[:500],
            "disclosures": disclosures_of(person.pk)[:500],
        },
    )
