"""Classification of the USPS 820.100 records: every stored field, its category in the
notice, its data class, and whether it is encrypted and searchable.

`record=` names the category or record kind whose retention rule governs the rows:
retention 1 (logon), 2 (ach), 3 (security_access); everything else falls under
retention 4, counted from the end of the customer's relationship with the system.
"""

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
from sorn.classification import FieldClassification as F
from sorn.classification import internal, registry
from sorn.constants import DataClass as D

SYSTEM = "usps-820-100"
CUSTOMER_INFORMATION = "customer_information"  # category 1
IDENTIFICATION = "identification_authentication"  # category 2
MAIL_PRACTICES = "mail_practices"  # category 3
TECHNICAL = "technical_information"  # category 4
USAGE = "product_usage_payment"  # category 5
FEEDBACK = "customer_feedback"  # category 6

# Row identity, the link to the customer the row is filed under, and the encryption key.
FILED = {"id": internal(), "data_key_id": internal(), "person": internal()}
PLAIN_FILED = {"id": internal(), "person": internal()}

# Category 1: the application is the applicant's customer information (purpose 1).
registry.register(
    MailerApplication,
    systems=SYSTEM,
    record=CUSTOMER_INFORMATION,
    dated_by="submitted_on",
    fields={
        **FILED,
        "submitted_on": internal(),
        "application_number": F(D.IDENTIFIER, CUSTOMER_INFORMATION, searchable=True),
        "product": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "status": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "company_name": F(D.BUSINESS, CUSTOMER_INFORMATION, encrypted=True),
        "company_name_index": F(D.BUSINESS, CUSTOMER_INFORMATION, searchable=True),
        # "location"
        "company_city": F(D.BUSINESS, CUSTOMER_INFORMATION, encrypted=True),
        "company_state": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "industry": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "monthly_shipping_budget": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "annual_revenue": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "employment_status": F(D.BUSINESS, CUSTOMER_INFORMATION, encrypted=True),
        "job_title": F(D.BUSINESS, CUSTOMER_INFORMATION, encrypted=True),
        # "payment information"
        "payment_method": F(D.FINANCIAL, CUSTOMER_INFORMATION),
        "card_number": F(D.FINANCIAL_CARD, CUSTOMER_INFORMATION, encrypted=True),
        # The card summary (brand, last four, expiry) is kept in clear so staff recognise
        # the card (keystore/payments.py): a billing fact, not the card number.
        "card_brand": F(D.FINANCIAL, CUSTOMER_INFORMATION),
        "card_last_four": F(D.FINANCIAL, CUSTOMER_INFORMATION),
        "card_expiry_month": F(D.FINANCIAL, CUSTOMER_INFORMATION),
        "card_expiry_year": F(D.FINANCIAL, CUSTOMER_INFORMATION),
        # Category 6: "Method of referral."
        "referral_method": F(D.SURVEY, FEEDBACK),
    },
)

# The decision trail of the application (the "approvals" of the system's name).
registry.register(
    ApplicationDecision,
    systems=SYSTEM,
    record=CUSTOMER_INFORMATION,
    dated_by="decided_at",
    fields={
        **FILED,
        "application": internal(),
        "decided_at": internal(),
        "decided_by": internal(),
        "decision": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "reason": F(D.COMMUNICATION, CUSTOMER_INFORMATION, encrypted=True),
    },
)

# Category 1: "key contacts name, mail and e-mail address, phone number, fax number, ...
# job title and/or role".
registry.register(
    KeyContact,
    systems=SYSTEM,
    record=CUSTOMER_INFORMATION,
    dated_by="added_on",
    fields={
        **FILED,
        "application": internal(),
        "added_on": internal(),
        "role": F(D.BUSINESS, CUSTOMER_INFORMATION),
        "name": F(D.NAME, CUSTOMER_INFORMATION, encrypted=True),
        "name_index": F(D.NAME, CUSTOMER_INFORMATION, searchable=True),
        "job_title": F(D.BUSINESS, CUSTOMER_INFORMATION, encrypted=True),
        "email": F(D.CONTACT, CUSTOMER_INFORMATION, encrypted=True),
        "phone": F(D.CONTACT, CUSTOMER_INFORMATION, encrypted=True),
        "fax": F(D.CONTACT, CUSTOMER_INFORMATION, encrypted=True),
        "mail_address": F(D.ADDRESS, CUSTOMER_INFORMATION, encrypted=True),
        "postal_code": F(D.ADDRESS, CUSTOMER_INFORMATION, encrypted=True),
    },
)

# Category 2: "D-U-N-S Number; postage meter numbers; permit numbers; POSTNET code;
# mailer ID(s); publication name(s) and ID(s)".
registry.register(
    MailerIdentifier,
    systems=SYSTEM,
    record=IDENTIFICATION,
    dated_by="assigned_on",
    fields={
        "data_key_id": internal(),
        **PLAIN_FILED,
        "application": internal(),
        "assigned_on": internal(),
        "kind": F(D.IDENTIFIER, IDENTIFICATION),
        "value": F(D.IDENTIFIER, IDENTIFICATION, searchable=True),
        "publication_name": F(D.BUSINESS, IDENTIFICATION),
    },
)

# Category 2: "name(s) of authorized users".
registry.register(
    AuthorizedUser,
    systems=SYSTEM,
    record=IDENTIFICATION,
    dated_by="authorized_on",
    fields={
        **FILED,
        "application": internal(),
        "authorized_on": internal(),
        "revoked_on": F(D.BUSINESS, IDENTIFICATION),
        "name": F(D.NAME, IDENTIFICATION, encrypted=True),
        "name_index": F(D.NAME, IDENTIFICATION, searchable=True),
    },
)

# Category 2: "customer signature, date, last four digits of SSN; USPS site; ... USPS
# location information".
registry.register(
    CustomerSignature,
    systems=SYSTEM,
    record=IDENTIFICATION,
    dated_by="signed_on",
    fields={
        **FILED,
        "application": internal(),
        "signed_on": F(D.IDENTIFIER, IDENTIFICATION),
        "signer_name": F(D.NAME, IDENTIFICATION, encrypted=True),
        "signature_image": F(D.MEDIA, IDENTIFICATION, encrypted=True),
        "ssn_last_four": F(D.GOVERNMENT_ID, IDENTIFICATION, encrypted=True),
        "usps_site": F(D.BUSINESS, IDENTIFICATION),
        "usps_location": F(D.BUSINESS, IDENTIFICATION),
    },
)

# Category 2: "security personnel name, signature, date, telephone number, and last four
# digits of SSN".
registry.register(
    SecurityPersonnel,
    systems=SYSTEM,
    record=IDENTIFICATION,
    dated_by="signed_on",
    fields={
        **FILED,
        "application": internal(),
        "signed_on": F(D.STAFF, IDENTIFICATION),
        "name": F(D.STAFF, IDENTIFICATION, encrypted=True),
        "name_index": F(D.STAFF, IDENTIFICATION, searchable=True),
        "signature_image": F(D.MEDIA, IDENTIFICATION, encrypted=True),
        "phone": F(D.CONTACT, IDENTIFICATION, encrypted=True),
        "ssn_last_four": F(D.GOVERNMENT_ID, IDENTIFICATION, encrypted=True),
    },
)

# Category 3: mail practices and delivery information.
MAIL_PRACTICE = F(D.BUSINESS, MAIL_PRACTICES)
registry.register(
    MailPractice,
    systems=SYSTEM,
    record=MAIL_PRACTICES,
    dated_by="recorded_on",
    fields={
        "data_key_id": internal(),
        **PLAIN_FILED,
        "application": internal(),
        "recorded_on": internal(),
        "mailing_equipment": MAIL_PRACTICE,
        "containers": MAIL_PRACTICE,
        "mail_preparation": MAIL_PRACTICE,
        "drop_shipment_sites": MAIL_PRACTICE,
        "automation_compatible": MAIL_PRACTICE,
        "presort_option": MAIL_PRACTICE,
        "presort_tested_on": MAIL_PRACTICE,
        "presort_test_passed": MAIL_PRACTICE,
        "mailing_frequency": MAIL_PRACTICE,
        "mail_volume": MAIL_PRACTICE,
        "primary_mailing_type": MAIL_PRACTICE,
        "destination_information": MAIL_PRACTICE,
        "uses_contracted_mail_services": MAIL_PRACTICE,
        "appointment_times": MAIL_PRACTICE,
    },
)

# Category 3: "names and addresses of contractors and advertisers".
registry.register(
    ContractedParty,
    systems=SYSTEM,
    record=MAIL_PRACTICES,
    dated_by="recorded_on",
    fields={
        **FILED,
        "mail_practice": internal(),
        "recorded_on": internal(),
        "kind": MAIL_PRACTICE,
        "name": F(D.NAME, MAIL_PRACTICES, encrypted=True),
        "address": F(D.ADDRESS, MAIL_PRACTICES, encrypted=True),
    },
)

# Category 4: technical information.
TECHNICAL_FIELD = F(D.TECHNICAL, TECHNICAL)
registry.register(
    TechnicalProfile,
    systems=SYSTEM,
    record=TECHNICAL,
    dated_by="recorded_on",
    fields={
        "data_key_id": internal(),
        **PLAIN_FILED,
        "application": internal(),
        "recorded_on": internal(),
        "hardware": TECHNICAL_FIELD,
        "software_name": TECHNICAL_FIELD,
        "software_version": TECHNICAL_FIELD,
        "equipment_name": TECHNICAL_FIELD,
        "equipment_type": TECHNICAL_FIELD,
        "equipment_version": TECHNICAL_FIELD,
        "specifications": TECHNICAL_FIELD,
        "media_preference": F(D.PREFERENCE, TECHNICAL),
        "mail_site_specifications": TECHNICAL_FIELD,
    },
)

# Category 5: product usage and payment information.
USAGE_FIELD = F(D.ORDER, USAGE)
registry.register(
    ProductUsage,
    systems=SYSTEM,
    record=USAGE,
    dated_by="ordered_on",
    fields={
        **FILED,
        "application": internal(),
        "ordered_on": USAGE_FIELD,  # "ordered date": published, and the row's own date
        "product_ordered": USAGE_FIELD,
        "quantity_ordered": USAGE_FIELD,
        "products_used": USAGE_FIELD,
        "package_volume": USAGE_FIELD,
        "package_weight_lb": USAGE_FIELD,
        "billing_information": F(D.FINANCIAL, USAGE, encrypted=True),
        "inventory_on": USAGE_FIELD,
        "usage_measured_on": USAGE_FIELD,
    },
)

# Category 2: "User and manager customer ID(s) and/or passwords" (purpose 2: "assign
# computer logon IDs").
registry.register(
    MailerAccount,
    systems=SYSTEM,
    record=IDENTIFICATION,
    dated_by="assigned_on",
    fields={
        **FILED,
        "application": internal(),
        "assigned_on": internal(),
        "closed_on": F(D.IDENTIFIER, IDENTIFICATION),
        "logon_id": F(D.IDENTIFIER, IDENTIFICATION, encrypted=True),
        "logon_id_index": F(D.IDENTIFIER, IDENTIFICATION, searchable=True),
        "role": F(D.IDENTIFIER, IDENTIFICATION),
        "password_hash": F(D.CREDENTIAL, IDENTIFICATION),
    },
)

# Retention 1: logon records, record kind "logon" of category 2, 1 year after the access.
registry.register(
    MailerLogon,
    systems=SYSTEM,
    record="logon",
    dated_by="logged_on_at",
    fields={
        **FILED,
        "account": internal(),
        "logged_on_at": internal(),
        "logon_id": F(D.SECURITY_LOG, IDENTIFICATION, encrypted=True),
        "logon_id_index": F(D.SECURITY_LOG, IDENTIFICATION, searchable=True),
        "source_ip": F(D.SECURITY_LOG, IDENTIFICATION, encrypted=True),
        "outcome": F(D.SECURITY_LOG, IDENTIFICATION),
    },
)

# Retention 3: security access records, record kind "security_access" of category 2,
# 2 years after the access privileges are cancelled (`cancelled_on`, the anchor).
registry.register(
    SecurityAccess,
    systems=SYSTEM,
    record="security_access",
    dated_by="granted_on",
    anchored_by="cancelled_on",
    fields={
        "data_key_id": internal(),
        **PLAIN_FILED,
        "account": internal(),
        "granted_on": internal(),
        "cancelled_on": internal(),
        "resource": F(D.SECURITY_LOG, IDENTIFICATION),
        "access_level": F(D.SECURITY_LOG, IDENTIFICATION),
    },
)

# Retention 2: ACH records, record kind "ach" of category 1, 2 years from their own date.
registry.register(
    ACHRecord,
    systems=SYSTEM,
    record="ach",
    dated_by="recorded_on",
    fields={
        **FILED,
        "application": internal(),
        "recorded_on": internal(),
        "kind": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION),
        "account_holder_name": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION, encrypted=True),
        "routing_number": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION, encrypted=True),
        "account_number": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION, encrypted=True),
        "account_type": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION),
        "amount": F(D.FINANCIAL_BANK, CUSTOMER_INFORMATION),
    },
)
