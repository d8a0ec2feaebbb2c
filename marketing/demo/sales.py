"""Sales, campaign, publication, event, payment and survey records of the USPS 890.000
demo, for each relationship (a mixin of `RecordSeeder`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from stdnum.us import rtn

from lib.payments import BankAccountType, card_brand_of
from marketing.constants import (
    CampaignResponseType,
    ContestOutcome,
    EventRole,
    FirmSize,
    PaymentMethod,
    PccRole,
    PublicationFormat,
    RegistrationStatus,
    ResponseChannel,
    SurveyDataTopic,
    SurveyKind,
)
from marketing.demo.reference import at
from marketing.models import (
    AchRecord,
    BusinessProfile,
    CampaignResponse,
    EventRegistration,
    MailingListSubscription,
    Payment,
    PccMembership,
    PublicationRequest,
    SupplierContract,
    SurveyResponse,
)

# Clear values are fixed lists, never drawn from the pools of people's names and towns,
# so a dump of the database shows no customer's personal value in clear.
# (SIC, NAICS, what the firm does): a few real classification pairs.
INDUSTRIES = [
    ("5961", "454110", "catalog and mail-order retail"),
    ("7331", "541860", "direct mail advertising"),
    ("2752", "323111", "commercial printing"),
    ("5999", "453998", "specialty retail"),
    ("8062", "622110", "hospital"),
    ("6411", "524210", "insurance agency"),
    ("7372", "511210", "software publishing"),
    ("4731", "488510", "freight arrangement"),
]
COUNCILS = ["Greater Boston", "Chicagoland", "North Texas", "Capital Area", "Puget Sound"]
AGENCIES = ["Blue Heron Creative", "Northstar Media", "Crescent Advertising", "In-house"]
ITINERARY = [
    "Arrive day before; hotel near venue; depart after closing session",
    "Day trip; attending morning workshops only",
    "Flight in on opening day; shuttle from airport",
]
ACCOMMODATIONS = ["Wheelchair-accessible seating", "Vegetarian meals", "ASL interpreter", ""]
SURVEY_ANSWERS = ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied"]
SURVEY_DATA = {
    SurveyDataTopic.PERCEPTION: ["Reliable", "Good value", "Slow in peak season"],
    SurveyDataTopic.HABITS: ["Ships weekly", "Mails monthly statements", "Buys stamps online"],
    SurveyDataTopic.WILLINGNESS_TO_BUY: ["Likely", "Unlikely", "Would try at a lower price"],
    SurveyDataTopic.RECOMMENDED_IMPROVEMENTS: ["Better tracking", "Longer retail hours"],
    SurveyDataTopic.OWNERSHIP: ["Owns a postage meter", "Uses PC postage"],
}


class SalesRecords:
    """Records of categories 1 to 9; each maker returns whether it made one."""

    # Direct marketing, advertising, promotions (retention 2: 5 years).
    def campaign_response(self, rel) -> bool:
        start, end = self._window(rel)
        campaign = self.rng.choice(self.ref["campaigns"])
        day = self._day(max(start, campaign.starts_on), min(end, campaign.ends_on))
        if day is None:
            return False
        self._add(
            CampaignResponse(
                person=rel.person,
                campaign=campaign,
                responded_on=day,
                channel=self.rng.choice(list(ResponseChannel)),
                response=self.rng.choice(list(CampaignResponseType)),
            )
        )
        return True

    def publication_request(self, rel) -> bool:
        start, end = self._window(rel)
        day = self._day(max(start, end - datetime.timedelta(days=6 * 365)), end)
        fulfilled = day + datetime.timedelta(days=self.rng.randint(2, 14))
        self._add(
            PublicationRequest(
                person=rel.person,
                publication=self.rng.choice(self.ref["publications"]),
                requested_on=day,
                quantity=self.rng.choice((1, 1, 1, 5, 25)),
                format=self.rng.choice(list(PublicationFormat)),
                fulfilled_on=fulfilled if fulfilled <= self.ctx.today else None,
            )
        )
        return True

    # Retention 1: kept until the customer ceases to participate.
    def _ceased(self, rel, joined: datetime.date) -> datetime.date | None:
        if rel.ended_on:
            return max(rel.ended_on, joined)
        if self.rng.random() < 0.25:
            return self._day(joined, self.ctx.today)
        return None

    def mailing_list(self, rel) -> bool:
        joined = self._day(*self._window(rel))
        self._add(
            MailingListSubscription(
                person=rel.person,
                publication=self.rng.choice(self.ref["publications"]),
                format=self.rng.choice(list(PublicationFormat)),
                subscribed_on=joined,
                ceased_on=self._ceased(rel, joined),
            )
        )
        return True

    def pcc_membership(self, rel) -> bool:
        joined = self._day(*self._window(rel))
        self._add(
            PccMembership(
                person=rel.person,
                council=f"{self.rng.choice(COUNCILS)} PCC",
                role=self.rng.choice([PccRole.MEMBER] * 8 + list(PccRole)),
                joined_on=joined,
                ceased_on=self._ceased(rel, joined),
            )
        )
        return True

    def event_registration(self, rel, method: str | None = None) -> bool:
        start, end = self._window(rel)
        person = rel.person
        events = [
            e
            for e in self.ref["events"]
            if start <= e.starts_on <= end
            and (person.pk, e.pk) not in self.registered
            and (method is None or e.registration_fee)
        ]
        if not events:
            return False
        event = self.rng.choice(events)
        self.registered.add((person.pk, event.pk))
        registered = max(start, event.starts_on - datetime.timedelta(days=self.rng.randint(5, 90)))
        if event.starts_on > self.ctx.today:
            status = RegistrationStatus.REGISTERED
        else:
            status = self.rng.choice(
                [RegistrationStatus.ATTENDED] * 6
                + [RegistrationStatus.CANCELLED, RegistrationStatus.NO_SHOW]
            )
        registration = self._add(
            EventRegistration(
                person=person,
                event=event,
                registered_on=registered,
                role=self.rng.choice([EventRole.ATTENDEE] * 6 + list(EventRole)),
                status=status,
                itinerary=self.rng.choice(ITINERARY) if self.chance(0.3) else "",
                badge_name=person.given_name,
                accommodations=self.rng.choice(ACCOMMODATIONS),
            )
        )
        if event.registration_fee:
            method = method or self.rng.choice(["card"] * 5 + ["check"] * 3 + ["ach"] * 2)
            self.payments.append((registration, method))
        return True

    def _payment(self, registration: EventRegistration, method: str) -> None:
        rng, person, fee = self.rng, registration.person, registration.event.registration_fee
        if method == "ach":
            # Retention 2: "ACH records are retained up to 2 years".
            account = str(rng.randint(10**7, 10**12))
            self._add(
                AchRecord(
                    person=person,
                    registration=registration,
                    authorized_on=registration.registered_on,
                    amount=fee,
                    account_holder_name=person.full_name,
                    routing_number=_routing_number(rng),
                    account_number=account,
                    account_last_four=account[-4:],
                    account_type=rng.choice(list(BankAccountType)),
                )
            )
            return
        payment = Payment(
            person=person,
            registration=registration,
            paid_on=registration.registered_on,
            amount=fee,
            method=method,
        )
        if method == PaymentMethod.CARD:
            number = self.ctx.card_number()
            payment.card_number = number
            payment.card_brand = card_brand_of(number)
            payment.card_last_four = number[-4:]
            payment.card_expiry_month = rng.randint(1, 12)
            payment.card_expiry_year = registration.registered_on.year + rng.randint(1, 4)
        else:
            payment.check_number = str(rng.randint(100, 9999))
            payment.check_routing_number = _routing_number(rng)
            payment.check_account_number = str(rng.randint(10**7, 10**12))
        self._add(payment)

    # Retention 7: survey records, 3 years.
    def survey_response(self, rel) -> bool:
        start, end = self._window(rel)
        survey = self.rng.choice(self.ref["surveys"])
        day = self._day(max(start, survey.opens_on), min(end, survey.closes_on, self.ctx.today))
        if day is None:
            return False
        topics = self.rng.sample(list(SURVEY_DATA), self.rng.randint(1, 3))
        self._add(
            SurveyResponse(
                person=rel.person,
                survey=survey,
                responded_at=at(self.ctx, day),
                answers={f"q{n}": self.rng.choice(SURVEY_ANSWERS) for n in range(1, 4)},
                survey_data={t.value: self.rng.choice(SURVEY_DATA[t]) for t in topics},
                contest_outcome=(
                    self.rng.choice([ContestOutcome.ENTERED] * 5 + list(ContestOutcome))
                    if survey.kind == SurveyKind.CONTEST
                    else ""
                ),
            )
        )
        return True

    def business_profile(self, rel) -> bool:
        rng, person = self.rng, rel.person
        start, end = self._window(rel)
        sic, naics, what = rng.choice(INDUSTRIES)
        calls = rng.randint(0, 12)
        recorded = self._day(start, end)
        established = rng.randint(1950, recorded.year)
        profile = self._add(
            BusinessProfile(
                person=person,
                recorded_on=recorded,
                firm_name=person.company_name or rng.choice(self.ctx.pools.companies),
                firm_size=rng.choice(list(FirmSize)),
                years_in_business=recorded.year - established,
                established_year=established,
                employee_count=rng.choice([3, 12, 45, 180, 1200]),
                annual_sales=Decimal(rng.randint(1, 500) * 100_000),
                annual_revenue=Decimal(rng.randint(1, 500) * 100_000),
                business_sites=f"Headquarters; {rng.randint(1, 9)} branch locations",
                website_url=f"https://www.{rng.choice(self.ctx.pools.domains)}/{person.pk}",
                sic_code=sic,
                naics_code=naics,
                usps_products_used="Priority Mail; Marketing Mail",
                competitor_products_used="Regional parcel carrier" if rng.random() < 0.4 else "",
                customer_types_served=what,
                equipment_and_services="Postage meter; address-quality software",
                advertising_agency=rng.choice(AGENCIES),
                advertising_spending=Decimal(rng.randint(1, 200) * 1000),
                usps_employees_serving=f"{rng.choice(self.ctx.pools.given_names)} (sales)",
                calls_made=calls,
                last_call_on=self._day(recorded, self.ctx.today) if calls else None,
                duns_number=f"{rng.randint(10**8, 10**9 - 1)}",
                usps_account_number=f"{rng.randint(10**9, 10**10 - 1)}",
                meter_number=f"M{rng.randint(10**6, 10**7 - 1)}" if rng.random() < 0.5 else "",
            )
        )
        if self.chance(0.15):
            starts = self._day(start, end)
            self._add(
                SupplierContract(
                    person=person,
                    business_profile=profile,
                    award_number=f"SC-{person.customer_id}-{len(self.rows[BusinessProfile])}",
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=rng.choice([365, 730, 1095])),
                    contract_value=Decimal(rng.randint(10, 5000) * 1000),
                    products_and_services=f"{what.capitalize()} services",
                    signature=person.full_name,
                )
            )
        return True


def _routing_number(rng) -> str:
    """A synthetic ABA routing number with a valid check digit."""
    body = f"{rng.randint(1, 12):02d}{rng.randint(0, 999999):06d}"
    return body + rtn.calc_check_digit(body)
