"""USPS 820.100, Mailer Services — Applications and Approvals: the system's own records.

Every row is filed under a customer (`person`): retention 4 counts from the end of that
customer's relationship with the system, and the notice's retrieval (customer name,
customer ID(s), logon ID) finds the customer first.
"""

from mailers.models.accounts import MailerAccount, MailerLogon, SecurityAccess
from mailers.models.applications import ApplicationDecision, KeyContact, MailerApplication
from mailers.models.identification import (
    AuthorizedUser,
    CustomerSignature,
    MailerIdentifier,
    SecurityPersonnel,
)
from mailers.models.payments import ACHRecord
from mailers.models.practices import ContractedParty, MailPractice, ProductUsage, TechnicalProfile

__all__ = [
    "ACHRecord",
    "ApplicationDecision",
    "AuthorizedUser",
    "ContractedParty",
    "CustomerSignature",
    "KeyContact",
    "MailPractice",
    "MailerAccount",
    "MailerApplication",
    "MailerIdentifier",
    "MailerLogon",
    "ProductUsage",
    "SecurityAccess",
    "SecurityPersonnel",
    "TechnicalProfile",
]
