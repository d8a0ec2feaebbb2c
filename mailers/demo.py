"""Synthetic USPS 820.100 records hung on the seeded mailer relationships.

Every relationship gets its application (the relationship begins with it) and the
decision trail its status implies; approved applications often lead to a logon account
with logons of various ages (some older than retention 1's year), security access grants
(some cancelled more than retention 3's two years ago) and mailer identifiers; a few get
key contacts, signatures, mail practices, technical and usage information, and ACH
records (some older than retention 2's two years). About three rows per relationship.

The first relationship of each call is a showcase: an approved application paid by ACH
with every kind of record, so that even a seed of a few dozen customers shows them all.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.us import rtn

from audit.bulk import bulk_insert
from lib.demo import DemoContext
from lib.payments import BankAccountType, card_brand_of
from mailers.constants import (
    AccessLevel,
    AccountRole,
    ACHRecordKind,
    AnnualRevenue,
    ApplicationStatus,
    ContainerType,
    ContractedPartyKind,
    Decision,
    EmploymentStatus,
    IdentifierKind,
    Industry,
    KeyContactRole,
    LogonOutcome,
    MailerProduct,
    MailingFrequency,
    MailingType,
    MediaPreference,
    MonthlyShippingBudget,
    PaymentMethod,
    PresortOption,
    ReferralMethod,
    SecuredResource,
)
from mailers.models import (
    ACHRecord,
    ApplicationDecision,
    AuthorizedUser,
    ContractedParty,
    CustomerSignature,
    KeyContact,
    MailerAccount,
    MailerApplication,
    MailerIdentifier,
    MailerLogon,
    MailPractice,
    ProductUsage,
    SecurityAccess,
    SecurityPersonnel,
    TechnicalProfile,
)
from sorn.constants import SystemSlug

SYSTEM = SystemSlug.USPS_820_100.value
# Final statuses of applications older than a month, by weight.
SETTLED_STATUSES = (
    [ApplicationStatus.APPROVED] * 14
    + [ApplicationStatus.DENIED] * 3
    + [ApplicationStatus.WITHDRAWN] * 2
    + [ApplicationStatus.UNDER_REVIEW]
)
RECENT_STATUSES = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]
DENIAL_REASONS = [
    "Mailer ID requested for a permit already held by another business.",
    "Applicant could not be authenticated from the information given.",
    "Mail volume below the program's minimum.",
]
REVIEW_REASONS = ["Awaiting D-U-N-S Number confirmation.", "Presort test scheduled.", ""]
USPS_SITES = [
    ("Chicago NDC", "Forest Park IL"),
    ("Dallas NDC", "Dallas TX"),
    ("Philadelphia NDC", "Philadelphia PA"),
    ("Los Angeles P&DC", "Los Angeles CA"),
    ("Atlanta NDC", "Atlanta GA"),
    ("Denver P&DC", "Denver CO"),
]
SOFTWARE = [("Mail.dat Composer", "3.1"), ("Presort Pro", "12.4"), ("AddressCheck", "2025.2")]
EQUIPMENT = [
    ("Inserter", "Series 9", "4.2"),
    ("Inkjet addresser", "IJ-700", "1.8"),
    ("Folder-sealer", "FS-300", "2.0"),
]
HARDWARE = ["Windows 11 workstation, 16 GB", "Linux server, 64 GB", "macOS workstation"]
MAIL_PREPARATION = [
    "CASS-certified addresses, Intelligent Mail barcodes applied in-house.",
    "Letters trayed by 5-digit scheme; flats bundled and sacked.",
    "Commingled through a mail service provider.",
]
DESTINATIONS = ["Local (same SCF)", "Regional", "National", "National and APO/FPO"]
PRODUCTS_USED = ["Priority Mail labels", "IMb tracing", "Click-N-Ship for Business"]
NON_ALNUM = re.compile(r"[^a-z0-9]")
# Numbers kept in clear (volumes, amounts, permit numbers) are drawn so that none is a
# bare 4- or 5-digit value: a database dump then cannot be mistaken for holding an SSN's
# last four or a ZIP code (tests/keystore/test_no_plaintext_at_rest.py).
_DAYS_30 = datetime.timedelta(days=30)
_DAYS_400 = datetime.timedelta(days=400)
# Logons happen while the account is open, so never "account closed" here.
LOGON_OUTCOMES = (LogonOutcome.SUCCEEDED, LogonOutcome.WRONG_PASSWORD, LogonOutcome.LOCKED_OUT)


def seed(ctx: DemoContext) -> None:
    relationships = ctx.relationships.get(SYSTEM, [])
    if not relationships:
        return
    rng = ctx.rng
    staff = get_user_model().objects.filter(username="mailer_services").first()

    applications: list[MailerApplication] = []
    plans: list[tuple] = []  # (relationship, application, final status, end date)
    for number, rel in enumerate(relationships):
        person, started = rel.person, rel.started_on
        end = rel.ended_on or ctx.today
        # Applications of the last three months may still be pending.
        pending = rel.ended_on is None and (ctx.today - started).days <= 90 and rng.random() < 0.6
        status = rng.choice(RECENT_STATUSES if pending else SETTLED_STATUSES)
        city, state, _ = rng.choice(ctx.pools.cities)
        payment = rng.choices(list(PaymentMethod), weights=(40, 5, 35, 20))[0]
        if number == 0:  # the showcase
            status, payment = ApplicationStatus.APPROVED, PaymentMethod.ACH
        card = ctx.card_number() if payment == PaymentMethod.CARD else ""
        application = MailerApplication(
            person=person,
            application_number=f"MSA-{person.customer_id}",
            product=rng.choice(MailerProduct.values),
            submitted_on=started,
            status=status,
            company_name=person.company_name or rng.choice(ctx.pools.companies),
            company_city=city,
            company_state=state,
            industry=rng.choice(Industry.values),
            monthly_shipping_budget=rng.choice(MonthlyShippingBudget.values),
            annual_revenue=rng.choice(AnnualRevenue.values),
            employment_status=rng.choice(EmploymentStatus.values),
            job_title=person.job_title or rng.choice(ctx.pools.jobs),
            payment_method=payment,
            card_number=card,
            card_brand=card_brand_of(card) if card else "",
            card_last_four=card[-4:],
            card_expiry_month=rng.randint(1, 12) if card else None,
            card_expiry_year=started.year + rng.randint(1, 4) if card else None,
            referral_method=rng.choice(ReferralMethod.values) if rng.random() < 0.6 else "",
        )
        applications.append(application)
        plans.append((rel, application, status, end))
    bulk_insert(ctx, MailerApplication, applications)

    rows: dict[type, list] = {
        model: []
        for model in (
            ApplicationDecision,
            KeyContact,
            MailerIdentifier,
            AuthorizedUser,
            CustomerSignature,
            SecurityPersonnel,
            MailPractice,
            TechnicalProfile,
            ProductUsage,
            MailerAccount,
            ACHRecord,
        )
    }
    accounts: list[tuple[MailerAccount, datetime.date, bool]] = []
    practices: list[tuple[MailPractice, bool]] = []
    showcase = False

    def chance(probability: float) -> bool:
        # The showcase has every kind of record; the others their share.
        return showcase or rng.random() < probability

    for rel, application, status, end in plans:
        started = rel.started_on
        showcase = application is applications[0]
        decided_on = _between(ctx, started, min(end, started + datetime.timedelta(days=20)))
        if status != ApplicationStatus.SUBMITTED:
            rows[ApplicationDecision].append(_decision(ctx, application, status, decided_on, staff))
        if application.payment_method == PaymentMethod.ACH:
            rows[ACHRecord].append(_ach(ctx, application, started, ACHRecordKind.AUTHORIZATION))
            if status == ApplicationStatus.APPROVED and chance(0.4):
                debited = _between(ctx, decided_on, end)
                rows[ACHRecord].append(_ach(ctx, application, debited, ACHRecordKind.DEBIT))
        if chance(0.05):
            rows[KeyContact].append(_key_contact(ctx, application, started))
        if status != ApplicationStatus.APPROVED:
            continue
        # An approved application: the mailer's identifiers, logon account and profile.
        if chance(0.15):
            rows[MailerIdentifier].append(_identifier(ctx, application, decided_on))
        if chance(0.05):
            rows[CustomerSignature].append(_signature(ctx, application, started))
            if chance(0.5):
                rows[SecurityPersonnel].append(_security_personnel(ctx, application, decided_on))
        if chance(0.04):
            rows[AuthorizedUser].append(_authorized_user(ctx, application, decided_on, end, rel))
        if chance(0.06):
            practice = _mail_practice(ctx, application, started)
            practice.uses_contracted_mail_services |= showcase
            rows[MailPractice].append(practice)
            if practice.uses_contracted_mail_services:
                practices.append((practice, showcase))
        if chance(0.04):
            rows[TechnicalProfile].append(_technical_profile(ctx, application, decided_on))
        if chance(0.06):
            rows[ProductUsage].append(_product_usage(ctx, application, decided_on, end))
        if chance(0.3):
            account = _account(ctx, application, decided_on, rel)
            rows[MailerAccount].append(account)
            accounts.append((account, end, showcase))
    for model, objects in rows.items():
        bulk_insert(ctx, model, objects)

    logons: list[MailerLogon] = []
    grants: list[SecurityAccess] = []
    for account, end, showcase in accounts:
        last_day = account.closed_on or end
        # Open accounts log on often, so most logons are of the last year or so; some are
        # older than retention 1's year.
        recent_from = max(account.assigned_on, last_day - _DAYS_400)
        for _ in range(max(showcase, rng.choice((0, 1, 1, 1, 2)))):
            first = recent_from if rng.random() < 0.6 else account.assigned_on
            logons.append(_logon(ctx, account, _between(ctx, first, last_day)))
        if showcase or rng.random() < 0.4:
            grants.append(_security_access(ctx, account, last_day))
    bulk_insert(ctx, MailerLogon, logons)
    bulk_insert(ctx, SecurityAccess, grants)
    bulk_insert(
        ctx,
        ContractedParty,
        [
            _contracted_party(ctx, practice)
            for practice, showcase in practices
            if showcase or rng.random() < 0.5
        ],
    )


def _between(ctx: DemoContext, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=ctx.rng.randint(0, (last - first).days))


def _at(ctx: DemoContext, day: datetime.date) -> datetime.datetime:
    """An aware moment during office hours of `day`, never in the future."""
    moment = datetime.datetime.combine(
        day,
        datetime.time(ctx.rng.randint(7, 18), ctx.rng.randint(0, 59)),
        tzinfo=timezone.get_current_timezone(),
    )
    return min(moment, timezone.now())


def _decision(ctx, application, status, decided_on, staff) -> ApplicationDecision:
    decision = Decision(status.value)
    reason = ""
    if decision == Decision.DENIED:
        reason = ctx.rng.choice(DENIAL_REASONS)
    elif decision == Decision.UNDER_REVIEW:
        reason = ctx.rng.choice(REVIEW_REASONS)
    return ApplicationDecision(
        person=application.person,
        application=application,
        decision=decision,
        decided_at=_at(ctx, decided_on),
        # The applicant withdraws; staff decide everything else.
        decided_by=None if decision == Decision.WITHDRAWN else staff,
        reason=reason,
    )


def _full_name(ctx: DemoContext) -> str:
    return f"{ctx.rng.choice(ctx.pools.given_names)} {ctx.rng.choice(ctx.pools.family_names)}"


def _key_contact(ctx, application, added_on) -> KeyContact:
    city, state, zip_code = ctx.rng.choice(ctx.pools.cities)
    name = _full_name(ctx)
    return KeyContact(
        person=application.person,
        application=application,
        role=ctx.rng.choice(KeyContactRole.values),
        added_on=added_on,
        name=name,
        job_title=ctx.rng.choice(ctx.pools.jobs),
        email=f"{NON_ALNUM.sub('.', name.lower())}@{ctx.rng.choice(ctx.pools.domains)}",
        phone=ctx.phone(),
        fax=ctx.phone() if ctx.rng.random() < 0.3 else "",
        mail_address=f"{ctx.rng.choice(ctx.pools.streets)}, {city}, {state}",
        postal_code=zip_code,
    )


def _identifier(ctx, application, assigned_on) -> MailerIdentifier:
    rng = ctx.rng
    kind = rng.choice(IdentifierKind.values)
    value, publication = {
        IdentifierKind.MAILER_ID: (f"9{rng.randint(0, 99_999_999):08d}", ""),
        IdentifierKind.PERMIT_NUMBER: (str(rng.randint(100_000, 9_999_999)), ""),
        IdentifierKind.POSTAGE_METER: (f"PM{rng.randint(0, 99_999_999):08d}", ""),
        IdentifierKind.DUNS: (f"{rng.randint(0, 999_999_999):09d}", ""),
        IdentifierKind.POSTNET: (f"{rng.randint(0, 99_999_999_999):011d}", ""),
        IdentifierKind.PUBLICATION: (
            f"{rng.randint(0, 999_999):06d}",
            f"{rng.choice(ctx.pools.words).title()} Quarterly",
        ),
    }[kind]
    return MailerIdentifier(
        person=application.person,
        application=application,
        kind=kind,
        value=value,
        publication_name=publication,
        assigned_on=assigned_on,
    )


def _ssn_last_four(ctx: DemoContext) -> str:
    return f"{ctx.rng.randint(1, 9999):04d}"


def _signature(ctx, application, signed_on) -> CustomerSignature:
    person = application.person
    site, location = ctx.rng.choice(USPS_SITES)
    return CustomerSignature(
        person=person,
        application=application,
        signed_on=signed_on,
        signer_name=person.full_name,
        signature_image=f"signatures/{application.application_number}/customer.png",
        ssn_last_four=_ssn_last_four(ctx),
        usps_site=site,
        usps_location=location,
    )


def _security_personnel(ctx, application, signed_on) -> SecurityPersonnel:
    return SecurityPersonnel(
        person=application.person,
        application=application,
        signed_on=signed_on,
        name=_full_name(ctx),
        signature_image=f"signatures/{application.application_number}/security.png",
        phone=ctx.phone(),
        ssn_last_four=_ssn_last_four(ctx),
    )


def _authorized_user(ctx, application, authorized_on, end, rel) -> AuthorizedUser:
    revoked = rel.ended_on if rel.ended_on else None
    return AuthorizedUser(
        person=application.person,
        application=application,
        name=_full_name(ctx),
        authorized_on=authorized_on,
        revoked_on=revoked if revoked and revoked >= authorized_on else None,
    )


def _mail_practice(ctx, application, recorded_on) -> MailPractice:
    rng = ctx.rng
    sites = rng.sample(USPS_SITES, rng.randint(0, 2))
    tested = rng.random() < 0.4
    return MailPractice(
        person=application.person,
        application=application,
        recorded_on=recorded_on,
        mailing_equipment=rng.choice(EQUIPMENT)[0],
        containers=rng.choice(ContainerType.values),
        mail_preparation=rng.choice(MAIL_PREPARATION),
        drop_shipment_sites=[
            {"site": site, "code": f"{rng.randint(0, 99999):05d}"} for site, _ in sites
        ],
        automation_compatible=rng.random() < 0.7,
        presort_option=rng.choice(PresortOption.values),
        presort_tested_on=recorded_on if tested else None,
        presort_test_passed=rng.random() < 0.85 if tested else None,
        mailing_frequency=rng.choice(MailingFrequency.values),
        mail_volume=rng.choice((rng.randrange(200, 1000), rng.randrange(100_000, 2_000_000))),
        primary_mailing_type=rng.choice(MailingType.values),
        destination_information=rng.choice(DESTINATIONS),
        uses_contracted_mail_services=rng.random() < 0.3,
        appointment_times=[
            f"{recorded_on + datetime.timedelta(days=rng.randint(7, 60))}T0{rng.randint(5, 9)}:00"
            for _ in sites
        ],
    )


def _contracted_party(ctx, practice) -> ContractedParty:
    city, state, zip_code = ctx.rng.choice(ctx.pools.cities)
    return ContractedParty(
        person=practice.person,
        mail_practice=practice,
        kind=ctx.rng.choice(ContractedPartyKind.values),
        recorded_on=practice.recorded_on,
        name=ctx.rng.choice(ctx.pools.companies),
        address=f"{ctx.rng.choice(ctx.pools.streets)}, {city}, {state} {zip_code}",
    )


def _technical_profile(ctx, application, recorded_on) -> TechnicalProfile:
    rng = ctx.rng
    software, version = rng.choice(SOFTWARE)
    equipment, model, equipment_version = rng.choice(EQUIPMENT)
    return TechnicalProfile(
        person=application.person,
        application=application,
        recorded_on=recorded_on,
        hardware=rng.choice(HARDWARE),
        software_name=software,
        software_version=version,
        equipment_name=model,
        equipment_type=equipment,
        equipment_version=equipment_version,
        specifications=f"{rng.randrange(5_000, 40_000, 1000)} pieces per hour",
        media_preference=rng.choice(MediaPreference.values),
        mail_site_specifications=f"{rng.randint(1, 6)} loading docks; forklift access",
    )


def _product_usage(ctx, application, ordered_on, end) -> ProductUsage:
    rng = ctx.rng
    measured = _between(ctx, ordered_on, end) if rng.random() < 0.7 else None
    return ProductUsage(
        person=application.person,
        application=application,
        product_ordered=application.product,
        ordered_on=ordered_on,
        quantity_ordered=rng.randint(1, 500),
        products_used=rng.choice(PRODUCTS_USED),
        package_volume=rng.choice((rng.randrange(10, 1000), rng.randrange(100_000, 900_000))),
        package_weight_lb=Decimal(f"{rng.randint(0, 69)}.{rng.randint(1, 99):02d}"),
        billing_information=f"{application.company_name}, billed monthly",
        inventory_on=measured,
        usage_measured_on=measured,
    )


def _account(ctx, application, assigned_on, rel) -> MailerAccount:
    person = application.person
    closed = rel.ended_on if rel.ended_on and rel.ended_on >= assigned_on else None
    return MailerAccount(
        person=person,
        application=application,
        # Unique: the customer number is part of it.
        logon_id=NON_ALNUM.sub("", f"{person.given_name[:1]}{person.family_name}".lower())
        + person.customer_id[1:].lstrip("0"),
        role=AccountRole.MANAGER if ctx.rng.random() < 0.3 else AccountRole.USER,
        assigned_on=assigned_on,
        closed_on=closed,
    )


def _logon(ctx, account, day) -> MailerLogon:
    rng = ctx.rng
    # RFC 5737 documentation ranges: never a real address.
    net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
    outcome = rng.choices(LOGON_OUTCOMES, weights=(86, 11, 3))[0]
    return MailerLogon(
        person=account.person,
        account=account,
        logon_id=account.logon_id,
        logged_on_at=_at(ctx, day),
        source_ip=f"{net}.{rng.randint(1, 254)}",
        outcome=outcome,
    )


def _security_access(ctx, account, last_day) -> SecurityAccess:
    granted = _between(ctx, account.assigned_on, min(last_day, account.assigned_on + _DAYS_30))
    cancelled = account.closed_on
    if cancelled is None and ctx.rng.random() < 0.3:
        cancelled = _between(ctx, granted, last_day)
    return SecurityAccess(
        person=account.person,
        account=account,
        resource=ctx.rng.choice(SecuredResource.values),
        access_level=(
            AccessLevel.ADMINISTER
            if account.role == AccountRole.MANAGER
            else ctx.rng.choice((AccessLevel.VIEW, AccessLevel.SUBMIT))
        ),
        granted_on=granted,
        cancelled_on=cancelled,
    )


def _ach(ctx, application, recorded_on, kind) -> ACHRecord:
    rng = ctx.rng
    first8 = (
        f"{rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)):02d}{rng.randint(0, 999_999):06d}"
    )
    return ACHRecord(
        person=application.person,
        application=application,
        kind=kind,
        recorded_on=recorded_on,
        account_holder_name=application.company_name,
        routing_number=first8 + rtn.calc_check_digit(first8),
        account_number=str(rng.randint(10_000_000, 999_999_999_999)),
        account_type=rng.choice(BankAccountType.values),
        amount=None
        if kind == ACHRecordKind.AUTHORIZATION
        else Decimal(f"{rng.randint(20, 4999)}.{rng.randint(1, 99):02d}"),
    )
