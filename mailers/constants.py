"""Statuses and kinds of USPS 820.100 (Mailer Services — Applications and Approvals)
records, in the notice's own words where it has them."""

from django.db import models


class MailerProduct(models.TextChoices):
    """Mail management and tracking products and services a customer applies for
    (USPS 820.100, purpose 1)."""

    BUSINESS_CUSTOMER_GATEWAY = "bcg", "Business Customer Gateway"
    MAILER_ID = "mailer_id", "Intelligent Mail barcode Mailer ID"
    POSTALONE = "postalone", "PostalOne!"
    EVS = "evs", "Electronic Verification System (eVS)"
    INFORMED_VISIBILITY = "informed_visibility", "Informed Visibility"
    PERMIT_IMPRINT = "permit_imprint", "Permit imprint"
    PERIODICALS = "periodicals", "Periodicals authorization"
    EDDM = "eddm", "Every Door Direct Mail"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Decision(models.TextChoices):
    """What one entry of an application's decision trail decided; each moves the
    application to the status of the same name (`mailers.workflow`)."""

    UNDER_REVIEW = "under_review", "Taken under review"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    WITHDRAWN = "withdrawn", "Withdrawn at the applicant's request"


class EmploymentStatus(models.TextChoices):
    # USPS 820.100, category 1: "employment status". Stored encrypted; the codes differ
    # from every code stored in clear, so a status cannot be read off a database dump.
    EMPLOYED = "employed", "Employed"
    SELF_EMPLOYED = "self_employed", "Self-employed / business owner"
    CONTRACTOR = "independent_contractor", "Independent contractor"
    VOLUNTEER = "volunteer", "Volunteer (nonprofit)"
    OTHER = "other_employment", "Other"


class Industry(models.TextChoices):
    RETAIL = "retail", "Retail and e-commerce"
    PUBLISHING = "publishing", "Publishing"
    FINANCIAL = "financial", "Financial services"
    HEALTHCARE = "healthcare", "Healthcare"
    NONPROFIT = "nonprofit", "Nonprofit"
    MANUFACTURING = "manufacturing", "Manufacturing"
    MAIL_SERVICE_PROVIDER = "msp", "Mail service provider"
    GOVERNMENT = "government", "Government"
    OTHER = "other", "Other"


class MonthlyShippingBudget(models.TextChoices):
    # USPS 820.100, category 1: "monthly shipping budget", in the ranges the application
    # form offers (a business states a bracket, not its books).
    UNDER_500 = "budget_under_500", "Under $500"
    FROM_500 = "budget_500_2500", "$500 to $2,500"
    FROM_2500 = "budget_2500_10k", "$2,500 to $10,000"
    FROM_10K = "budget_10k_50k", "$10,000 to $50,000"
    OVER_50K = "budget_over_50k", "Over $50,000"


class AnnualRevenue(models.TextChoices):
    # USPS 820.100, category 1: "annual revenue", in the form's ranges.
    UNDER_1M = "revenue_under_1m", "Under $1 million"
    FROM_1M = "revenue_1m_10m", "$1 million to $10 million"
    FROM_10M = "revenue_10m_100m", "$10 million to $100 million"
    OVER_100M = "revenue_over_100m", "Over $100 million"


class PaymentMethod(models.TextChoices):
    # USPS 820.100, category 1: "payment information, ACH information".
    CARD = "card", "Credit or debit card"
    ACH = "ach", "ACH debit"
    EPS = "eps", "Enterprise Payment System account"
    NONE = "none", "No payment required"


class ReferralMethod(models.TextChoices):
    # USPS 820.100, category 6: customer feedback, "method of referral".
    USPS_WEBSITE = "usps_website", "usps.com"
    ACCOUNT_REPRESENTATIVE = "account_rep", "USPS account representative"
    POSTAL_CUSTOMER_COUNCIL = "pcc", "Postal Customer Council"
    MAIL_SERVICE_PROVIDER = "msp", "Mail service provider"
    SEARCH_ENGINE = "search", "Search engine"
    TRADE_SHOW = "trade_show", "Trade show or event"
    OTHER = "other", "Other"


class KeyContactRole(models.TextChoices):
    PRIMARY = "primary", "Primary contact"
    BILLING = "billing", "Billing contact"
    TECHNICAL = "technical", "Technical contact"
    MAILING_OPERATIONS = "operations", "Mailing operations"
    EXECUTIVE = "executive", "Executive sponsor"


class IdentifierKind(models.TextChoices):
    """USPS 820.100, category 2: the identifiers of a customer or its products."""

    MAILER_ID = "mailer_id", "Mailer ID"
    PERMIT_NUMBER = "permit_number", "Permit number"
    POSTAGE_METER = "postage_meter", "Postage meter number"
    DUNS = "duns", "D-U-N-S Number"
    POSTNET = "postnet", "POSTNET code"
    PUBLICATION = "publication", "Publication ID"


class ContainerType(models.TextChoices):
    TRAYS = "trays", "Trays"
    TUBS = "tubs", "Tubs"
    SACKS = "sacks", "Sacks"
    PALLETS = "pallets", "Pallets"
    HAMPERS = "hampers", "Hampers"


class PresortOption(models.TextChoices):
    NONE = "none", "Not presorted"
    FIVE_DIGIT = "5_digit", "5-digit"
    THREE_DIGIT = "3_digit", "3-digit"
    AADC = "aadc", "AADC"
    MIXED_AADC = "mixed_aadc", "Mixed AADC"
    CARRIER_ROUTE = "carrier_route", "Carrier route"


class MailingFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SEASONAL = "seasonal", "Seasonal"
    OCCASIONAL = "occasional", "Occasional"


class MailingType(models.TextChoices):
    FIRST_CLASS = "first_class", "First-Class Mail"
    MARKETING = "marketing", "USPS Marketing Mail"
    PERIODICALS = "periodicals", "Periodicals"
    PACKAGE_SERVICES = "packages", "Package services"
    PRIORITY = "priority", "Priority Mail"


class ContractedPartyKind(models.TextChoices):
    # USPS 820.100, category 3: "names and addresses of contractors and advertisers".
    CONTRACTOR = "contractor", "Contractor"
    ADVERTISER = "advertiser", "Advertiser"


class MediaPreference(models.TextChoices):
    # USPS 820.100, category 4: "media preferences".
    FILE_TRANSFER = "file_transfer", "Electronic file transfer"
    WEB_SERVICE = "web_service", "Web services (API)"
    WEB_PORTAL = "web_portal", "Web portal upload"
    REMOVABLE_MEDIA = "removable_media", "Removable media (CD/DVD)"
    PAPER = "paper", "Paper"


class AccountRole(models.TextChoices):
    # USPS 820.100, category 2: "User and manager customer ID(s) and/or passwords".
    USER = "user", "User"
    MANAGER = "manager", "Manager"


class LogonOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", "Succeeded"
    WRONG_PASSWORD = "wrong_password", "Wrong password"
    LOCKED_OUT = "locked_out", "Account locked"
    ACCOUNT_CLOSED = "account_closed", "Account closed"


class AccessLevel(models.TextChoices):
    VIEW = "view", "View"
    SUBMIT = "submit", "Submit and pay"
    ADMINISTER = "administer", "Administer users"


class SecuredResource(models.TextChoices):
    """The USPS computer systems a mailer account is given access to."""

    BUSINESS_CUSTOMER_GATEWAY = "bcg", "Business Customer Gateway"
    POSTALONE = "postalone", "PostalOne!"
    EVS = "evs", "eVS"
    INFORMED_VISIBILITY = "informed_visibility", "Informed Visibility"
    MAILER_ID_CERTIFICATES = "mid_certificates", "Mailer ID certificates"


class ACHRecordKind(models.TextChoices):
    AUTHORIZATION = "authorization", "Debit authorization"
    DEBIT = "debit", "Debit"
    REFUND = "refund", "Refund (credit)"
