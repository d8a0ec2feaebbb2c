from django.urls import path

from access import views

app_name = "access"

urlpatterns = [
    path("policy/", views.policy_page, name="policy"),
    path("people/<int:person_id>/access-history/", views.person_access_history,
         name="person-access-history"),
    path("people/<int:person_id>/records/", views.person_records, name="person-records"),
]  # fmt: skip
