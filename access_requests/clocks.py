"""The statutory time limits of Privacy Act requests, per agency, as data.

One place for every figure: the rights page (/privacy/) renders them, and the staff
workflow computes due dates from them. The figures are the regulations' own (issue 12,
"The rules"); none is added here that a regulation does not give — where a rule names a
step without a time limit (a USPS appeal to the General Counsel), there is no limit here.

Rules are keyed by the agency exactly as each notice in the catalogue names it
(`Notice.agency`), so which rules govern a system follows from its notice; no system is
named here. `check_clocks` (registered in apps.py) fails start-up when a catalogued
notice's agency has no rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

from access_requests.constants import ClockParty, ClockStep, DayCount

# Issue 12: working days exclude weekends and U.S. federal holidays.
WORKING_DAYS_MEANING = "weekdays, not counting U.S. federal holidays"


@dataclass(frozen=True)
class TimeLimit:
    """One step on a clock: who must do what, within how many days of what."""

    step: ClockStep
    party: ClockParty
    limit: int
    days: DayCount
    duty: str  # what must happen, in plain words
    starts: str  # what starts the clock, in plain words
    citation: str
    note: str = ""  # what the rule says when the limit cannot be met, or may be extended

    @property
    def limit_words(self) -> str:
        return f"{self.limit} {self.days.label}"


@dataclass(frozen=True)
class AgencyClocks:
    agency: str  # exactly as the catalogue's notices name it (Notice.agency)
    short_name: str
    regulations: str  # the regulations the agency's requests follow
    limits: tuple[TimeLimit, ...]
    appeal: str  # where and how a refusal is appealed, in plain words (no full stop)
    appeal_citation: str
    # The steps a request of each kind is on the clock for, in order (request kind →
    # steps); "*" for every kind not named. A step with no time limit in the
    # regulations is not listed: there is no date to keep.
    steps: Mapping[str, tuple[ClockStep, ...]] = field(default_factory=dict)

    # The steps an appeal is on the clock for, from its receipt.
    appeal_steps: tuple[ClockStep, ...] = ()

    def steps_for(self, kind: str) -> tuple[TimeLimit, ...]:
        return tuple(self.limit(step) for step in self.steps.get(kind, self.steps["*"]))

    def first_step(self, kind: str) -> TimeLimit:
        return self.steps_for(kind)[0]

    def limit(self, step: ClockStep) -> TimeLimit:
        for limit in self.limits:
            if limit.step == step:
                return limit
        raise KeyError(f"{self.short_name} puts no time limit on {step.value!r}")


USPS = AgencyClocks(
    agency="United States Postal Service",
    short_name="the Postal Service",
    regulations="39 CFR part 266 and 5 U.S.C. 552a(d)",
    limits=(
        TimeLimit(
            step=ClockStep.ACKNOWLEDGMENT,
            party=ClockParty.AGENCY,
            limit=10,
            days=DayCount.WORKING,
            duty="acknowledge your request",
            starts="the request is received",
            citation="39 CFR 266; 5 U.S.C. 552a(d)",
        ),
        TimeLimit(
            step=ClockStep.AMENDMENT_DECISION,
            party=ClockParty.AGENCY,
            limit=30,
            days=DayCount.WORKING,
            duty="decide a request to amend (correct) a record",
            starts="the amendment request is received",
            citation="39 CFR 266; 5 U.S.C. 552a(d)",
        ),
        TimeLimit(
            step=ClockStep.PRIOR_RECIPIENTS_NOTIFIED,
            party=ClockParty.AGENCY,
            limit=30,
            days=DayCount.CALENDAR,
            duty="tell those who were earlier given the record of the amendment or of your "
            "statement of disagreement",
            starts="the record is amended or the statement of disagreement is filed",
            citation="39 CFR 266.3(c)",
        ),
    ),
    appeal="Appeal in writing to the General Counsel of the Postal Service",
    appeal_citation="39 CFR 266",
    # Every request is acknowledged within 10 working days; an amendment is then decided
    # within 30.
    steps={
        "*": (ClockStep.ACKNOWLEDGMENT,),
        "amendment": (ClockStep.ACKNOWLEDGMENT, ClockStep.AMENDMENT_DECISION),
    },
)

TREASURY_MINT = AgencyClocks(
    agency="Department of the Treasury, United States Mint",
    short_name="the Mint",
    regulations="31 CFR part 1, subpart C (31 CFR 1.26 and 1.27)",
    limits=(
        TimeLimit(
            step=ClockStep.ACCESS_DETERMINATION,
            party=ClockParty.AGENCY,
            limit=30,
            days=DayCount.WORKING,
            duty="decide whether to grant access",
            # 31 CFR 1.26(f): the clock starts when the request is complete.
            starts="the request is complete (31 CFR 1.26(f))",
            citation="31 CFR 1.26(g)(1)",
            note="If the Mint cannot decide in time, it must tell you before the time runs "
            "out, with the reason and the date by which it expects to decide.",
        ),
        TimeLimit(
            step=ClockStep.AMENDMENT_ACKNOWLEDGMENT,
            party=ClockParty.AGENCY,
            limit=10,
            days=DayCount.WORKING,
            duty="acknowledge a request to amend (correct) a record",
            # 31 CFR 1.27(a): a request that does not comply is not on the clock until it does.
            starts="the amendment request is complete (31 CFR 1.27(a))",
            citation="31 CFR 1.27",
        ),
        TimeLimit(
            step=ClockStep.APPEAL_FILING,
            party=ClockParty.REQUESTER,
            limit=35,
            days=DayCount.CALENDAR,
            duty="file an appeal if you disagree with the decision",
            starts="the decision",
            citation="31 CFR 1.27(e)",
        ),
        TimeLimit(
            step=ClockStep.APPEAL_ACKNOWLEDGMENT,
            party=ClockParty.AGENCY,
            limit=10,
            days=DayCount.WORKING,
            duty="acknowledge your appeal, stating the date it was received and the days "
            "allowed to decide it",
            starts="the appeal is received",
            citation="31 CFR 1.27(e)",
        ),
        TimeLimit(
            step=ClockStep.APPEAL_DECISION,
            party=ClockParty.AGENCY,
            limit=30,
            days=DayCount.WORKING,
            duty="decide your appeal",
            starts="the appeal is received",
            citation="31 CFR 1.27(e)",
            note="The time may be extended for good cause.",
        ),
    ),
    appeal="Appeal in writing to the Mint within 35 days of the decision; the Mint's "
    "Disclosure Officer, whose address the notice publishes, can tell you where to send it",
    appeal_citation="31 CFR 1.27(e)",
    # 31 CFR 1.26(g)(1): notification and access are decided within 30 working days;
    # 1.27: an amendment request is acknowledged within 10.
    steps={
        "*": (ClockStep.ACCESS_DETERMINATION,),
        "amendment": (ClockStep.AMENDMENT_ACKNOWLEDGMENT,),
    },
    # 31 CFR 1.27(e): an appeal is acknowledged within 10 working days and decided within
    # 30. (39 CFR 266 gives a USPS appeal to the General Counsel no time limit.)
    appeal_steps=(ClockStep.APPEAL_ACKNOWLEDGMENT, ClockStep.APPEAL_DECISION),
)

AGENCY_CLOCKS: tuple[AgencyClocks, ...] = (USPS, TREASURY_MINT)


def clocks_for(agency: str) -> AgencyClocks:
    """The rules for an agency as a notice names it (`Notice.agency`); KeyError if none."""
    for clocks in AGENCY_CLOCKS:
        if clocks.agency == agency:
            return clocks
    raise KeyError(f"no request time limits for the agency {agency!r}")


def agencies_without_clocks(agencies: Iterable[str]) -> list[str]:
    known = {clocks.agency for clocks in AGENCY_CLOCKS}
    return sorted({agency for agency in agencies if agency not in known})


@lru_cache(maxsize=16)
def federal_holidays(year: int) -> frozenset[datetime.date]:
    """U.S. federal holidays of a year, observed days included, from the `holidays`
    package's maintained calendar (issue 12: not a hand-typed list)."""
    return frozenset(holidays.country_holidays("US", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_days(start: datetime.date, count: int, days: DayCount) -> datetime.date:
    """The day `count` days after `start`, counted as the regulation counts them: every
    day, or working days only (the first working day after `start` is day 1)."""
    if days == DayCount.CALENDAR:
        return start + datetime.timedelta(days=count)
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start): how
    long a clock stood still from a pause on `start` to a resumption on `end`."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


@dataclass(frozen=True)
class Deadline:
    agency: AgencyClocks
    limit: TimeLimit
    due: datetime.date
