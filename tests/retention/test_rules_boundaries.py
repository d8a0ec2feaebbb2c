"""Every retention rule of every system at its boundary: a record whose period ends the
day after the as-of date survives, one whose period ends on it or the day before is
destroyed, and nothing else is. Holds of each scope and pending Privacy Act requests keep
what they cover until released or closed; a record waits for the records that refer to
it; the person goes last, and never while known to the Mint. The plan that
`retention_plan --json` prints counts, rule by rule, what the purge then destroys."""

import datetime

import pytest

from customers.models import Person
from retention.purge import purge_expired
from retention.rules import bindings
from sorn.constants import RetentionAnchor
from tests.mailers.factories import MailerAccountFactory, SecurityAccessFactory
from tests.marketing.factories import CampaignFactory, CampaignResponseFactory

from .conftest import (
    AS_OF,
    DESTROYABLE,
    LONG_AGO,
    MINT,
    ONE_DAY,
    PENDING,
    RULE_CASES,
    USPS_810,
    USPS_820,
    USPS_890,
    _ach_810,
    _mint_order,
    _order_810,
    all_rows,
    assert_plan_agrees,
    at,
    by_id,
    case_named,
    certified_labels,
    close,
    counts_by_rule,
    digest_of,
    open_request,
    person_in,
    person_rows,
    place_hold,
    plan_totals,
    release,
    retention_plan,
    row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"]),
    pytest.mark.usefixtures("own_purge_lock"),
]


def purge(as_of: datetime.date = AS_OF) -> set[tuple[str, int]]:
    """Purge as of the date; returns the rows it destroyed, and checks its certificate
    names exactly those (the person's parts go with the person row it counts)."""
    before = all_rows()
    run, _ = purge_expired(as_of, triggered_by="test", batch_size=2)
    destroyed = before - all_rows()
    certified = {r for r in destroyed if r[0] in certified_labels()}
    certificate = run.certificate
    assert certificate.complete
    assert certificate.total == len(certified)
    assert certificate.digest == digest_of(certified)
    return destroyed


def test_every_rule_of_every_system_has_a_case():
    """The cases below assume the periods and anchors the notices publish; the stored
    catalogue must say the same, and no rule may go untested."""
    found = {(b.plan_key, b.label): (b.period, b.anchor) for b in bindings()}
    for case in RULE_CASES:
        assert found[(case.plan_key, case.model._meta.label)] == (case.period, case.anchor)
    assert {b.plan_key for b in bindings() if b.system} == {c.plan_key for c in RULE_CASES}


@pytest.mark.parametrize("case", by_id(RULE_CASES))
def test_the_day_before_on_and_after_the_due_date(case):
    expected = set()
    if case.destroyable:
        for days_after_as_of, goes in ((1, False), (0, True), (-1, True)):
            person, record = case.build(case.anchor_for(AS_OF + days_after_as_of * ONE_DAY))
            if goes:
                expected.add(row(record))
                if case.by_relationship:  # the person's last record, period passed
                    expected |= person_rows(person)
        if case.anchor != RetentionAnchor.CREATED:
            # The anchor has not happened: the relationship goes on, the access is not
            # cancelled, the customer still participates. Kept however old the record.
            case.build(None)
            if case.by_relationship:
                # Ended long ago, but with another system: this system's clock never started.
                other = USPS_810 if case.system != USPS_810 else USPS_820
                case.make(person_in(case.system, other, ended={other: LONG_AGO}), None)
    else:
        # Treasury/Mint .009 publishes no period: never destroyed, however old, even after
        # the relationship ended.
        person = person_in(MINT, ended_on=LONG_AGO)
        case.make(person, LONG_AGO)

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == expected
    assert_plan_agrees(plan, destroyed)
    if not case.destroyable:
        assert plan["no_disposition_authority"][case.plan_key][case.model._meta.label] == 1
    assert retention_plan(AS_OF)["total_due"] == 0


@pytest.mark.parametrize("time_zone", ["UTC", "America/New_York"])
@pytest.mark.parametrize(
    "case_id",
    ["usps-820-100/logon:mailerlogon", "usps-890-000/meeting_report_tracking:webmeeting"],
)
def test_a_date_time_anchor_counts_the_whole_last_day(case_id, time_zone, settings):
    """USPS 820.100, retention 1 (logon, `logged_on_at`) and USPS 890.000, retention 4
    (meeting, `started_at`): a moment at 23:59:59.999999 of the anchor day is due on the
    last day of the period; midnight starting the next day is not — in the service's
    time zone, not UTC."""
    settings.TIME_ZONE = time_zone
    case = case_named(case_id)
    last = case.anchor_for(AS_OF)
    _, late = case.build(last, moment=at(last, datetime.time(23, 59, 59, 999999)))
    _, next_midnight = case.build(last + ONE_DAY, moment=at(last + ONE_DAY, datetime.time(0)))

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == {row(late)}
    assert_plan_agrees(plan, destroyed)
    assert type(next_midnight).objects.filter(pk=next_midnight.pk).exists()


@pytest.mark.parametrize(
    "case_id, due",
    [
        ("usps-820-100/logon:mailerlogon", datetime.date(2025, 2, 28)),
        ("usps-810-300/ach:achrecord", datetime.date(2026, 2, 28)),
        ("usps-890-000/meeting_recordings:meetingrecording", datetime.date(2026, 2, 28)),
    ],
)
def test_a_leap_day_anchor_is_due_on_28_february(case_id, due):
    """29 February + 1 year (or 2, or 24 months) is 28 February: due that day, not the
    day before, and 1 March's record not until 1 March."""
    case = case_named(case_id)
    _, leap_day = case.build(datetime.date(2024, 2, 29))
    _, first_of_march = case.build(datetime.date(2024, 3, 1))

    assert purge(due - ONE_DAY) == set()
    assert purge(due) == {row(leap_day)}
    assert purge(due.replace(day=1, month=3)) == {row(first_of_march)}


SCOPES = ["person", "system", "record", "query", "pending request"]


@pytest.mark.parametrize("scope", SCOPES)
def test_what_a_hold_or_request_covers_survives_until_released(scope, records_officer):
    """A legal hold of each scope, or a Privacy Act request not closed (5 U.S.C.
    552a(d)), keeps every due record it covers; the same records not covered go. Once
    released or closed, the next run destroys them."""
    covered, free = [], []
    for case in DESTROYABLE:
        anchor = case.anchor_for(AS_OF - ONE_DAY)
        if scope == "system":  # one system held, the others are the control
            (covered if case.system == USPS_820 else free).append((case, *case.build(anchor)))
        else:
            covered.append((case, *case.build(anchor)))
            free.append((case, *case.build(anchor)))

    holds, requests = [], []
    for _, person, record in covered:
        label = record._meta.label
        if scope == "person":
            holds.append(place_hold(records_officer, scope="person", person_id=person.pk))
        elif scope == "record":
            holds.append(
                place_hold(records_officer, scope="record", model_label=label, record_id=record.pk)
            )
        elif scope == "query":
            holds.append(
                place_hold(
                    records_officer, scope="query", model_label=label, query={"pk": record.pk}
                )
            )
        elif scope == "pending request":  # received, in progress, answered, appealed
            requests.append(open_request(person, PENDING[len(requests) % len(PENDING)]))
    if scope == "system":
        holds.append(place_hold(records_officer, scope="system", system=USPS_820))

    def going(group):
        rows = set()
        for case, person, record in group:
            rows.add(row(record))
            if case.by_relationship:
                rows |= person_rows(person)
        return rows

    # Each covered record is counted as held (or frozen), never as due; so is its person
    # where the hold or request reaches the person and the person's period has passed.
    kept_rows = {row(record) for _, _, record in covered}
    kept_people = sum(
        1 for case, _, _ in covered if case.by_relationship and scope not in ("record", "query")
    )
    expected_kept = counts_by_rule(retention_plan(AS_OF), kept_rows)
    if kept_people:
        expected_kept["customers/person"] = kept_people
    attr = "frozen_by_request" if scope == "pending request" else "held"
    free_rows, covered_rows = going(free), going(covered)

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == free_rows
    assert_plan_agrees(plan, destroyed)
    assert plan_totals(plan, attr) == expected_kept
    assert not plan_totals(plan, "frozen_by_request" if attr == "held" else "held")

    # Still held: a second run changes nothing.
    assert purge() == set()

    for hold in holds:
        release(hold, records_officer)
    for request in requests:
        close(request)
    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == covered_rows
    assert_plan_agrees(plan, destroyed)
    # A closed request's file outlives the person it was about (its own schedule).
    people_gone = {pk for label, pk in destroyed if label == "customers.Person"}
    for request, (_, person, _) in zip(requests, covered, strict=False):
        request.refresh_from_db()
        assert request.person_id == (None if person.pk in people_gone else person.pk)


def test_a_record_due_waits_for_a_record_not_yet_due_that_refers_to_it():
    """USPS 890.000, retention 2: a campaign (5 years from its start) stays while a
    response on its own 5-year clock refers to it. USPS 820.100: a mailer account
    (retention 4, 4 years after the relationship) stays while a security access record
    (retention 3, 2 years after cancellation) refers to it, and so does its person."""
    campaign = CampaignFactory(starts_on=datetime.date(2018, 1, 1), ends_on=None)
    response = CampaignResponseFactory(
        person=person_in(USPS_890), campaign=campaign, responded_on=datetime.date(2021, 7, 1)
    )
    mailer = person_in(USPS_820, ended_on=datetime.date(2020, 1, 1))
    account = MailerAccountFactory(person=mailer, assigned_on=LONG_AGO)
    access = SecurityAccessFactory(
        account=account, person=mailer, granted_on=LONG_AGO, cancelled_on=datetime.date(2024, 7, 1)
    )

    plan = retention_plan(AS_OF)
    assert plan_totals(plan, "waiting_on_other_records") == {
        "usps-890-000/direct_marketing": 1,
        "usps-820-100/other": 1,
        "customers/person": 1,
    }
    assert purge() == set()

    # 1 July 2026: the responses' and the access record's periods end; each parent goes
    # in the same run, after the record that referred to it.
    as_of = datetime.date(2026, 7, 1)
    expected = {row(response), row(campaign), row(access), row(account)} | person_rows(mailer)
    plan = retention_plan(as_of)
    destroyed = purge(as_of)

    assert destroyed == expected
    assert_plan_agrees(plan, destroyed)


PAST_810 = datetime.date(2022, 1, 1)  # + 3 years: passed as of AS_OF
PAST_820 = datetime.date(2021, 1, 1)  # + 4 years: passed
NOT_PAST_820 = datetime.date(2023, 1, 1)  # + 4 years: 2027, not passed


def _ach_not_due(person):
    return _ach_810(person, AS_OF - datetime.timedelta(days=365))


def _mint(person):
    return _mint_order(person, LONG_AGO)


def _order(person):
    return _order_810(person, None)


@pytest.mark.parametrize(
    "ended, makers, person_goes",
    [
        pytest.param({USPS_810: PAST_810}, [], True, id="its one relationship's period passed"),
        pytest.param(
            {USPS_810: PAST_810, USPS_820: PAST_820}, [], True, id="every relationship's passed"
        ),
        pytest.param(
            {USPS_810: PAST_810, USPS_820: NOT_PAST_820}, [], False, id="another's not passed"
        ),
        pytest.param({USPS_810: PAST_810, USPS_820: None}, [], False, id="another still open"),
        pytest.param({USPS_810: None}, [], False, id="its relationship open"),
        pytest.param({USPS_810: PAST_810}, [_order], True, id="with its records, all due"),
        pytest.param({USPS_810: PAST_810}, [_order, _ach_not_due], False, id="a record not due"),
        pytest.param({USPS_810: PAST_810, MINT: LONG_AGO}, [_mint], False, id="known to the Mint"),
        pytest.param({MINT: LONG_AGO}, [], False, id="only known to the Mint"),
        pytest.param({}, [], False, id="no relationship at all"),
    ],
)
def test_the_person_goes_last_and_only_when_every_period_passed(ended, makers, person_goes):
    """The person row (and its addresses and relationships) goes when it has a
    relationship, every one has ended and that system's relationship period has passed
    (Treasury/Mint .009: never), and no record of theirs is left."""
    person = person_in(*ended, ended=ended)
    records = [make(person) for make in makers]
    due = {row(r) for r in records if r._meta.label == "orders.OfflineOrder"}
    if person_goes:
        due |= person_rows(person)

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == due
    assert Person.objects.filter(pk=person.pk).exists() is not person_goes
    assert_plan_agrees(plan, destroyed)
