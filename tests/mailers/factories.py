"""Factories for USPS 820.100 records and the customers they are filed under."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from customers.models import Person, SystemRelationship
from lib.payments import BankAccountType
from mailers import models
from mailers.constants import (
    AccessLevel,
    AccountRole,
    ACHRecordKind,
    IdentifierKind,
    KeyContactRole,
    LogonOutcome,
    MailerProduct,
    PaymentMethod,
    SecuredResource,
)

SUBMITTED_ON = datetime.date(2024, 3, 1)
VALID_CARD = "4111111111111111"  # a published test number, Luhn-valid
VALID_ROUTING = "011000015"  # checksum-valid ABA routing number


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    customer_id = factory.Sequence(lambda n: f"M{n:08d}")
    given_name = "Ada"
    family_name = factory.Sequence(lambda n: f"Mailer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.family_name.lower()}@example.com")


class MailerRelationshipFactory(DjangoModelFactory):
    """A customer of USPS 820.100."""

    class Meta:
        model = SystemRelationship

    person = factory.SubFactory(PersonFactory)
    system = "usps-820-100"
    system_customer_id = factory.LazyAttribute(lambda o: f"USPS-{o.person.customer_id}")
    started_on = SUBMITTED_ON


def mailer(**person_fields) -> Person:
    """A person with a USPS 820.100 relationship."""
    return MailerRelationshipFactory(person=PersonFactory(**person_fields)).person


class MailerApplicationFactory(DjangoModelFactory):
    class Meta:
        model = models.MailerApplication

    person = factory.LazyFunction(mailer)
    application_number = factory.Sequence(lambda n: f"MSA-T{n:06d}")
    product = MailerProduct.MAILER_ID
    submitted_on = SUBMITTED_ON
    company_name = "Example Mailing Co."
    company_city = "Springfield"
    company_state = "IL"
    industry = "retail"
    employment_status = "employed"
    job_title = "Mail room manager"
    payment_method = PaymentMethod.EPS

    class Params:
        by_card = factory.Trait(
            payment_method=PaymentMethod.CARD,
            card_number=VALID_CARD,
            card_expiry_month=12,
            card_expiry_year=2027,
        )


class KeyContactFactory(DjangoModelFactory):
    class Meta:
        model = models.KeyContact

    application = factory.SubFactory(MailerApplicationFactory)
    person = factory.LazyAttribute(lambda o: o.application.person)
    role = KeyContactRole.BILLING
    added_on = SUBMITTED_ON
    name = "Grace Contact"
    email = "grace.contact@example.org"
    phone = "(202) 555-0142"
    mail_address = "1 Main St, Springfield, IL"
    postal_code = "62701"


class MailerIdentifierFactory(DjangoModelFactory):
    class Meta:
        model = models.MailerIdentifier

    person = factory.LazyFunction(mailer)
    kind = IdentifierKind.MAILER_ID
    value = "901234567"
    assigned_on = SUBMITTED_ON


class CustomerSignatureFactory(DjangoModelFactory):
    class Meta:
        model = models.CustomerSignature

    application = factory.SubFactory(MailerApplicationFactory)
    person = factory.LazyAttribute(lambda o: o.application.person)
    signed_on = SUBMITTED_ON
    signer_name = "Ada Mailer"
    signature_image = "signatures/test/customer.png"
    ssn_last_four = "6789"
    usps_site = "Chicago NDC"


class SecurityPersonnelFactory(DjangoModelFactory):
    class Meta:
        model = models.SecurityPersonnel

    application = factory.SubFactory(MailerApplicationFactory)
    person = factory.LazyAttribute(lambda o: o.application.person)
    signed_on = SUBMITTED_ON
    name = "Sam Security"
    phone = "(202) 555-0177"
    ssn_last_four = "4321"


class AuthorizedUserFactory(DjangoModelFactory):
    class Meta:
        model = models.AuthorizedUser

    person = factory.LazyFunction(mailer)
    name = "Alex Authorized"
    authorized_on = SUBMITTED_ON


class MailPracticeFactory(DjangoModelFactory):
    class Meta:
        model = models.MailPractice

    person = factory.LazyFunction(mailer)
    recorded_on = SUBMITTED_ON
    drop_shipment_sites = factory.LazyFunction(lambda: [{"site": "Chicago NDC", "code": "60808"}])


class MailerAccountFactory(DjangoModelFactory):
    class Meta:
        model = models.MailerAccount

    person = factory.LazyFunction(mailer)
    logon_id = factory.Sequence(lambda n: f"adamailer{n}")
    role = AccountRole.USER
    assigned_on = SUBMITTED_ON


class MailerLogonFactory(DjangoModelFactory):
    class Meta:
        model = models.MailerLogon

    account = factory.SubFactory(MailerAccountFactory)
    person = factory.LazyAttribute(lambda o: o.account.person)
    logon_id = factory.LazyAttribute(lambda o: o.account.logon_id)
    logged_on_at = factory.LazyFunction(timezone.now)
    source_ip = "192.0.2.10"
    outcome = LogonOutcome.SUCCEEDED


class SecurityAccessFactory(DjangoModelFactory):
    class Meta:
        model = models.SecurityAccess

    account = factory.SubFactory(MailerAccountFactory)
    person = factory.LazyAttribute(lambda o: o.account.person)
    resource = SecuredResource.POSTALONE
    access_level = AccessLevel.SUBMIT
    granted_on = SUBMITTED_ON


class ACHRecordFactory(DjangoModelFactory):
    class Meta:
        model = models.ACHRecord

    person = factory.LazyFunction(mailer)
    kind = ACHRecordKind.AUTHORIZATION
    recorded_on = SUBMITTED_ON
    account_holder_name = "Example Mailing Co."
    routing_number = VALID_ROUTING
    account_number = "123456789012"
    account_type = BankAccountType.CHECKING
