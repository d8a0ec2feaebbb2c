"""The API's session sign-in, held to the admin's rule (issue 14, item 1).

REST framework's SessionAuthentication takes any signed-in session; the admin refuses a
staff session that has not passed its second factor (access/sites.py), and so must the
API, or a password alone (a first sign-in before enrolment, say) would read records
through /api/v1/ with the session cookie. Such a session is anonymous here: 401, as
without one. Its own module, importing no view: REST framework imports the
authentication classes its settings name while its views are defined.
"""

from __future__ import annotations

from knox.auth import TokenAuthentication
from rest_framework.authentication import SessionAuthentication

from access.service_accounts import load_account
from access.sites import second_factor_missing


class AccountTokenAuthentication(TokenAuthentication):
    """knox's tokens, the caller's roles, rate and recipient read with one query once the
    token is good (`load_account`): a service's every request asks all three."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            load_account(result[0])
        return result


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor_missing(request._request):
            return None
        if result is not None:
            load_account(result[0])
        return result
