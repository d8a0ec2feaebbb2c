"""Classification of the people's fields, per system of records that publishes them.

A person is shared by the four systems, so each field names its category in every notice
that lists it, and only those: a field a notice does not list is not published by it.
"""

from customers.models import (
    Address,
    Credential,
    Person,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    ProgramParticipation,
    SystemRelationship,
)
from sorn.classification import FieldClassification as F
from sorn.classification import internal, registry
from sorn.constants import DataClass as D

ALL_SYSTEMS = ("usps-810-300", "usps-820-100", "usps-890-000", "mint-009")

# "Customer information" in each notice (Mint .009 (b): customer names, billing and
# shipping addresses, phone numbers, email addresses, ...).
CUSTOMER_INFORMATION = {
    "usps-810-300": "customer_information",
    "usps-820-100": "customer_information",
    "usps-890-000": "customer_information",
    "mint-009": "customer_order_information",
}
# Company name and job title: USPS notices only; the Mint's notice lists neither.
USPS_CUSTOMER_INFORMATION = {k: v for k, v in CUSTOMER_INFORMATION.items() if k != "mint-009"}

registry.register(
    Person,
    systems=ALL_SYSTEMS,
    fields={
        "id": internal(),
        "data_key_id": internal(),
        "created_at": internal(),
        # 810.300 and 820.100 customer information "customer ID(s)"; 890.000 identifying
        # information "Customer ID(s)"; Mint .009 retrievability "customer number".
        "customer_id": F(
            D.IDENTIFIER,
            {**CUSTOMER_INFORMATION, "usps-890-000": "identifying_information"},
            searchable=True,
        ),
        "given_name": F(D.NAME, CUSTOMER_INFORMATION, encrypted=True),
        "family_name": F(D.NAME, CUSTOMER_INFORMATION, encrypted=True),
        "name_index": F(D.NAME, CUSTOMER_INFORMATION, searchable=True),
        "given_name_index": F(D.NAME, CUSTOMER_INFORMATION, searchable=True),
        "family_name_index": F(D.NAME, CUSTOMER_INFORMATION, searchable=True),
        "company_name": F(D.BUSINESS, USPS_CUSTOMER_INFORMATION, encrypted=True),
        # 890.000 retrieval 2: direct marketing by company name.
        "company_name_index": F(D.BUSINESS, USPS_CUSTOMER_INFORMATION, searchable=True),
        "job_title": F(D.BUSINESS, USPS_CUSTOMER_INFORMATION, encrypted=True),
        "email": F(D.CONTACT, CUSTOMER_INFORMATION, encrypted=True),
        "email_index": F(D.CONTACT, CUSTOMER_INFORMATION, searchable=True),
        # 810.300 customer information "URL"; 890.000 business specific information "URLs".
        "url": F(
            D.CONTACT,
            {
                "usps-810-300": "customer_information",
                "usps-890-000": "business_specific_information",
            },
            encrypted=True,
        ),
        # 890.000 customer information "date of birth, age".
        "date_of_birth": F(D.DEMOGRAPHIC, {"usps-890-000": "customer_information"}, encrypted=True),
        # Mint .009 (b) "birth month".
        "birth_month": F(D.DEMOGRAPHIC, {"mint-009": "customer_order_information"}),
    },
)

ADDRESS = F(D.ADDRESS, CUSTOMER_INFORMATION, encrypted=True)
registry.register(
    Address,
    systems=ALL_SYSTEMS,
    fields={
        "id": internal(),
        "data_key_id": internal(),
        "person": internal(),
        "kind": F(D.ADDRESS, CUSTOMER_INFORMATION),
        "line1": ADDRESS,
        "line2": ADDRESS,
        "city": ADDRESS,
        "state": F(D.ADDRESS, CUSTOMER_INFORMATION),
        "postal_code": ADDRESS,
        "country": F(D.ADDRESS, CUSTOMER_INFORMATION),
        "address_index": F(D.ADDRESS, CUSTOMER_INFORMATION, searchable=True),
    },
)

registry.register(
    PhoneNumber,
    systems=ALL_SYSTEMS,
    fields={
        "id": internal(),
        "data_key_id": internal(),
        "person": internal(),
        "kind": F(D.CONTACT, CUSTOMER_INFORMATION),
        "number": F(D.CONTACT, CUSTOMER_INFORMATION, encrypted=True),
        "number_index": F(D.CONTACT, CUSTOMER_INFORMATION, searchable=True),
    },
)

# 810.300 customer information: "verification question and answer, username, and
# password"; 820.100 identification and authentication: "User and manager customer ID(s)
# and/or passwords"; Mint .009: accounts registered "to purchase products online".
CREDENTIALS = {
    "usps-810-300": "customer_information",
    "usps-820-100": "identification_authentication",
    "mint-009": "customer_order_information",
}
registry.register(
    Credential,
    systems=("usps-810-300", "usps-820-100", "mint-009"),
    fields={
        "id": internal(),
        "data_key_id": internal(),
        "person": internal(),
        "system": internal(),
        "username": F(D.IDENTIFIER, CREDENTIALS, encrypted=True),
        "username_index": F(D.IDENTIFIER, CREDENTIALS, searchable=True),
        "password_hash": F(D.CREDENTIAL, CREDENTIALS),
        "verification_question": F(D.CREDENTIAL, {"usps-810-300": "customer_information"}),
        "verification_answer_hash": F(D.CREDENTIAL, {"usps-810-300": "customer_information"}),
    },
)

# The relationship's dates and status are the notices' retention anchors ("after the
# customer relationship ends"): bookkeeping the service keeps to obey the schedule.
registry.register(
    SystemRelationship,
    systems=ALL_SYSTEMS,
    fields={
        "id": internal(),
        "person": internal(),
        "system": internal(),
        "status": internal(),
        "started_on": internal(),
        "ended_on": internal(),
        "system_customer_id": F(
            D.IDENTIFIER,
            {**CUSTOMER_INFORMATION, "usps-890-000": "identifying_information"},
            searchable=True,
        ),
    },
)

# 810.300 "register for USPS programs"; 890.000 "publication mailing lists" (customer
# information, per the catalogue's record kind) and organizations; Mint .009 (b)
# "subscribed to receive bureau product-related communications or promotional materials".
PARTICIPATION = {
    "usps-810-300": "customer_information",
    "usps-890-000": "customer_information",
    "mint-009": "customer_order_information",
}
registry.register(
    ProgramParticipation,
    systems=("usps-810-300", "usps-890-000", "mint-009"),
    fields={
        "id": internal(),
        "person": internal(),
        "system": internal(),
        "started_on": internal(),
        "ceased_on": internal(),
        "program": F(D.PREFERENCE, PARTICIPATION),
    },
)

# 810.300 customer preferences; Mint .009 (b) "product and communication preferences" and
# the purpose's opt-in to Web measurement and customization technologies.
PREFERENCES = {"usps-810-300": "customer_preferences", "mint-009": "customer_order_information"}
USPS_PREFERENCES = {"usps-810-300": "customer_preferences"}
registry.register(
    Preferences,
    systems=("usps-810-300", "mint-009"),
    fields={
        "id": internal(),
        "person": internal(),
        "system": internal(),
        "updated_at": internal(),
        "usps_marketing": F(D.PREFERENCE, USPS_PREFERENCES),
        "partner_marketing": F(D.PREFERENCE, USPS_PREFERENCES),
        "preferred_contact_medium": F(D.PREFERENCE, PREFERENCES),
        "preferred_email_format": F(D.PREFERENCE, USPS_PREFERENCES),
        "product_marketing_preference": F(D.PREFERENCE, PREFERENCES),
        "web_measurement_opt_in": F(D.PREFERENCE, {"mint-009": "customer_order_information"}),
        # 810.300: "preferences to receive marketing information from USPS partners".
        "partner_sharing_opt_out": F(D.PREFERENCE, USPS_PREFERENCES),
    },
)

registry.register(
    PreferenceChange,
    systems=("usps-810-300", "mint-009"),
    fields={
        "id": internal(),
        "person": internal(),
        "system": internal(),
        "changed_at": internal(),
        "changed_by": internal(),
        "channel": internal(),
        "preference": F(D.PREFERENCE, PREFERENCES),
        "old_value": F(D.PREFERENCE, PREFERENCES),
        "new_value": F(D.PREFERENCE, PREFERENCES),
    },
)

# Every record is about a person; a shared row's systems are its person's relationships.
registry.register_person(Person, relationships="relationships")
