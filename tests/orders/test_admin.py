"""Staff pages: every order model has a change list that loads in a bounded number of
queries, shows encrypted values masked, and searches through blind indexes."""

import pytest
from django.apps import apps
from django.urls import reverse

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

MODELS = sorted(m._meta.model_name for m in apps.get_app_config("orders").get_models())


@pytest.mark.parametrize("model_name", MODELS)
def test_the_change_list_loads_in_few_queries(
    admin_client, usps_world, mint_world, django_assert_max_num_queries, model_name
):
    url = reverse(f"admin:orders_{model_name}_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("model_name", MODELS)
def test_the_change_form_loads(admin_client, usps_world, mint_world, model_name):
    model = apps.get_model("orders", model_name)
    record = model.objects.order_by("pk").first()
    response = admin_client.get(reverse(f"admin:orders_{model_name}_change", args=[record.pk]))
    assert response.status_code == 200


def test_the_change_list_masks_encrypted_values(admin_client, usps_world):
    response = admin_client.get(reverse("admin:orders_achrecord_changelist"))
    content = response.content.decode()
    assert "•••• 7766" in content
    assert "99887766" not in content


def test_staff_users_are_found_by_their_whole_name(admin_client, mint_world):
    response = admin_client.get(
        reverse("admin:orders_mintstaffuser_changelist"), {"q": "dana AGENT"}
    )
    assert list(response.context["cl"].result_list) == [mint_world.agent]


def test_orders_are_found_by_order_number(admin_client, usps_world):
    response = admin_client.get(
        reverse("admin:orders_offlineorder_changelist"), {"q": "PF0000001011"}
    )
    assert list(response.context["cl"].result_list) == [usps_world.order]
