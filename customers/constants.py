from django.db import models


class AddressKind(models.TextChoices):
    # USPS 810.300 customer information: home, business, and billing address(es);
    # Treasury/Mint .009 (b): billing and shipping addresses; USPS 890.000: home mailing
    # address and company address.
    HOME = "home", "Home"
    BUSINESS = "business", "Business"
    BILLING = "billing", "Billing"
    SHIPPING = "shipping", "Shipping"


class PhoneKind(models.TextChoices):
    # USPS 810.300: phone number(s), fax number(s); USPS 890.000: phone, fax, and pager.
    HOME = "home", "Home phone"
    BUSINESS = "business", "Business phone"
    MOBILE = "mobile", "Mobile phone"
    FAX = "fax", "Fax"
    PAGER = "pager", "Pager"


class RelationshipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class ContactMedium(models.TextChoices):
    EMAIL = "email", "E-mail"
    MAIL = "mail", "Mail"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"


class EmailFormat(models.TextChoices):
    HTML = "html", "HTML"
    TEXT = "text", "Plain text"


class PreferenceName(models.TextChoices):
    USPS_MARKETING = "usps_marketing", "Receive USPS marketing information"
    PARTNER_MARKETING = "partner_marketing", "Receive marketing from USPS partners"
    PREFERRED_CONTACT_MEDIUM = "preferred_contact_medium", "Preferred contact media"
    PREFERRED_EMAIL_FORMAT = "preferred_email_format", "Preferred e-mail format"
    PRODUCT_MARKETING_PREFERENCE = (
        "product_marketing_preference",
        "Product and/or service marketing preference",
    )
    WEB_MEASUREMENT_OPT_IN = "web_measurement_opt_in", "Web measurement and customization"
    PARTNER_SHARING_OPT_OUT = "partner_sharing_opt_out", "Opt out of sharing with partners"


class ChangeChannel(models.TextChoices):
    WEB = "web", "Web"
    PHONE = "phone", "Phone"
    MAIL = "mail", "Mail"
    ADMIN = "admin", "Staff (admin)"
    API = "api", "API"
    IMPORT = "import", "Import"
