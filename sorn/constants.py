from django.db import models


class SystemSlug(models.TextChoices):
    """The systems of records this service keeps; the slugs of the catalogue's notices."""

    USPS_810_300 = "usps-810-300", "USPS 810.300"
    USPS_820_100 = "usps-820-100", "USPS 820.100"
    USPS_890_000 = "usps-890-000", "USPS 890.000"
    MINT_009 = "mint-009", "Treasury/United States Mint .009"


class RetentionAnchor(models.TextChoices):
    """What a retention period is counted from.

    The notices count from four kinds of events; every rule names one of them.
    """

    # "ACH records are retained up to 2 years" (USPS 810.300); "Logon records are
    # retained 1 year after computer access" (USPS 820.100, retention 1): the record's
    # own date, which for a logon record is the logon itself.
    CREATED = "created", "the record's own date"
    # "retained up to 3 years after the customer relationship ends" (USPS 810.300)
    RELATIONSHIP_ENDED = "relationship_ended", "the end of the customer relationship"
    # "2 years after computer access privileges are cancelled" (USPS 820.100, retention 3)
    ACCESS_CANCELLED = "access_cancelled", "the cancellation of computer access privileges"
    # "retained until the customer ceases to participate" (USPS 890.000, retention 1)
    PARTICIPATION_CEASED = "participation_ceased", "the end of the customer's participation"


# The anchor as the event a period runs after, in the notices' own phrasing, so a rule
# reads as the notice does: "3 years after the relationship ends" (USPS 810.300), "2 years
# after computer access privileges are cancelled" (USPS 820.100, retention 3), "until the
# customer ceases to participate" (USPS 890.000, retention 1). Every anchor has one
# (tests/sorn/test_period_words.py).
ANCHOR_EVENTS = {
    RetentionAnchor.CREATED: "the event it records",
    RetentionAnchor.RELATIONSHIP_ENDED: "the relationship ends",
    RetentionAnchor.ACCESS_CANCELLED: "computer access privileges are cancelled",
    RetentionAnchor.PARTICIPATION_CEASED: "the customer ceases to participate",
}


class DataClass(models.TextChoices):
    """What kind of data a stored field holds; the role policy is written per data class."""

    INTERNAL = "internal", "Internal (row identity, links, bookkeeping)"
    IDENTIFIER = "identifier", "Identifier"
    NAME = "name", "Name"
    CONTACT = "contact", "Contact details"
    ADDRESS = "address", "Postal address"
    DEMOGRAPHIC = "demographic", "Demographic (date of birth, age)"
    PREFERENCE = "preference", "Preference or consent"
    FINANCIAL_CARD = "financial.card", "Payment card"
    FINANCIAL_BANK = "financial.bank", "Bank account (ACH, check)"
    FINANCIAL = "financial", "Other payment and billing"
    GOVERNMENT_ID = "government_id", "Government identifier (SSN last four)"
    CREDENTIAL = "credential", "Credential (password, verification answer)"
    BUSINESS = "business", "Business information"
    ORDER = "order", "Order and fulfilment"
    BEHAVIORAL = "behavioral", "Behavioural (browsing, segmentation)"
    COMMUNICATION = "communication", "Communication content"
    MEDIA = "media", "Image, audio and video"
    SURVEY = "survey", "Survey, contest and research responses"
    EVENT = "event", "Event participation"
    TECHNICAL = "technical", "Technical profile"
    TELEMETRY = "telemetry", "Telemetry and device data"
    SECURITY_LOG = "security_log", "Logon and security-access records"
    STAFF = "staff", "Staff and contractor identity"


class Role(models.TextChoices):
    """Roles. Each is a Django group of the same name, created by migration; what each
    may see and change is the policy in access/policy.py."""

    PRIVACY_OFFICER = "privacy_officer", "Privacy officer"
    RECORDS_OFFICER = "records_officer", "Records officer"
    CUSTOMER_SERVICE = "customer_service", "Customer service"
    FULFILLMENT = "fulfillment", "Fulfillment"
    MARKETING_ANALYST = "marketing_analyst", "Marketing analyst"
    MAILER_SERVICES = "mailer_services", "Mailer services"
    SECURITY_ADMIN = "security_admin", "Security administrator"
    AUDITOR = "auditor", "Auditor"
    CONTRACTOR_AGENT = "contractor_agent", "Contractor agent"
    # Service roles, held by the accounts of other services calling the API.
    SERVICE_ORDERS = "service_orders", "Service: order processing"
    SERVICE_MARKETING = "service_marketing", "Service: marketing"


SERVICE_ROLES = frozenset({Role.SERVICE_ORDERS, Role.SERVICE_MARKETING})
STAFF_ROLES = tuple(role for role in Role if role not in SERVICE_ROLES)
