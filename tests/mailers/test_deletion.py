"""A record is never destroyed earlier than its own retention rule because a record it
points to went first: logon records (USPS 820.100, retention 1) and security access
records (retention 3) hold on to their account; purging the customer removes all."""

import pytest
from django.db.models import RestrictedError

from mailers.models import MailerAccount, MailerLogon, SecurityAccess
from tests.mailers.factories import MailerLogonFactory, SecurityAccessFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_an_account_with_security_access_records_cannot_be_deleted():
    access = SecurityAccessFactory()
    with pytest.raises(RestrictedError):
        access.account.delete()
    assert SecurityAccess.objects.filter(pk=access.pk).exists()


def test_an_account_with_logon_records_cannot_be_deleted():
    logon = MailerLogonFactory()
    with pytest.raises(RestrictedError):
        logon.account.delete()
    assert MailerLogon.objects.filter(pk=logon.pk).exists()


def test_purging_the_customer_removes_the_account_and_its_records():
    access = SecurityAccessFactory()
    MailerLogonFactory(account=access.account)
    access.person.delete()
    assert (MailerAccount.objects.count(), MailerLogon.objects.count()) == (0, 0)
    assert SecurityAccess.objects.count() == 0
