"""What every gated API resource shares: token login, permissions and viewset behaviour."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django_otp import match_token
from drf_spectacular.utils import extend_schema
from knox.views import LoginView as KnoxLoginView
from knox.views import LogoutView as KnoxLogoutView
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.throttling import SimpleRateThrottle

from access.authentication import AccountTokenAuthentication
from access.policy import (
    can_see_model,
    clear_systems,
    in_systems,
    restrict_queryset,
    searchable_systems,
)
from access.sites import second_factor_required
from audit.reads import client_address
from lib.api import StrictQueryParameters
from lib.conditional import ConditionalWrites
from sorn.classification import registry


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    otp_token = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=16,
        help_text="The account's current TOTP code, or one of its backup codes "
        "(required when STAFF_MFA_REQUIRED is on).",
    )

    def validate(self, attrs):
        # django-axes reads and marks the HttpRequest (its middleware answers a lockout),
        # not REST framework's wrapper around it.
        request = self.context.get("request")
        http_request = getattr(request, "_request", request)
        user = authenticate(
            request=http_request,
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed("Unable to log in with those credentials.")
        # NIST SP 800-63B 4.2 (AAL2): an account's token is a sign-in like the
        # admin's, with its second factor. A wrong code is a failed sign-in for the
        # lockout; a code is accepted once (django-otp).
        if second_factor_required(user) and match_token(user, attrs.get("otp_token", "")) is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": attrs["username"]}, request=http_request
            )
            raise exceptions.AuthenticationFailed(
                "Unable to log in with those credentials: the account needs its "
                "current second-factor code (otp_token)."
            )
        attrs["user"] = user
        return attrs


class SignInThrottle(SimpleRateThrottle):
    """API_SIGN_IN_RATE token requests per client address, the address as the audit and
    the lockout take it (X-Forwarded-For believed only from TRUSTED_PROXIES): REST
    framework's own identification believes any X-Forwarded-For when NUM_PROXIES is unset."""

    scope = "sign_in"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class TokenLoginView(KnoxLoginView):
    """POST a username and password (and `otp_token` where a second factor is required),
    get {"token": ..., "expiry": ...}. Send the token as `Authorization: Token <token>`.
    Tokens are stored hashed (SHA-512), expire after API_TOKEN_TTL_HOURS and are revoked
    by POST /api/v1/auth/logout/, by signing out everywhere, or in the admin. Throttled
    per client address, and locked after repeated failures like the sign-in page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [SignInThrottle]
    serializer_class = CredentialsSerializer
    # Wrong credentials, or a second factor missing: 403; too many tries: 429.
    error_statuses = (403, 429)

    def post(self, request, format=None):
        serializer = CredentialsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)

    def get_user_serializer_class(self):
        return None  # the token, nothing about the user


class TokenLogoutView(KnoxLogoutView):
    """POST with the token: it is revoked (204). Knox's own view, described for the schema
    (drf-spectacular cannot guess a plain APIView's body, and says so in
    `check --deploy`: issue 14, item 5)."""

    # knox's view names knox's own class; ours is the one the API signs callers in with
    # (and the schema's knoxApiToken: two classes under one name would be two schemes).
    authentication_classes = [AccountTokenAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        return super().post(request, format=format)


class CanSeeModel(BasePermission):
    """The user holds a role that sees some field of the resource's model."""

    message = "None of your roles gives access to these records."

    def has_permission(self, request, view) -> bool:
        return can_see_model(request.user, view.queryset.model)


class GatedViewSet(
    ConditionalWrites,
    StrictQueryParameters,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, retrieve and PATCH through the policy gate. Records outside the user's
    systems are not found (404, as a record that does not exist: the same query either
    way, so the answer takes the same time). A query parameter the resource does not
    declare in `query_parameters` is refused (400), never ignored. A detail answer
    carries an ETag; a PATCH needs If-Match (lib/conditional.py)."""

    permission_classes = [IsAuthenticated, CanSeeModel]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return restrict_queryset(self.request.user, super().get_queryset())


def clear_search_systems(user, model, field: str) -> frozenset[str]:
    """The systems in which the user reads `field` (a column or a blind index) in clear,
    and so may search by it."""
    if field in registry.facts(model).blind_indexes:
        return searchable_systems(user, model, field)
    return clear_systems(user, model, field)


def search_systems(user, model, field: str, parameter: str) -> frozenset[str]:
    """The systems whose rows a filter on `field` (a column or a blind index) may reach:
    those in which the user reads the value in clear. Searching by a value is reading
    it, so with none the filter is refused (400) naming the parameter, whatever the
    value: a hit and a miss must not tell a masked value."""
    systems = clear_search_systems(user, model, field)
    if not systems:
        raise ValidationError(
            {parameter: [f"Your roles do not read {parameter} in clear, so may not search by it."]}
        )
    return systems


def filter_in_clear(user, queryset, field: str, parameter: str, **lookup):
    """`queryset.filter(**lookup)`, reaching only rows of the systems in which the user
    reads `field` in clear (refused when there are none)."""
    systems = search_systems(user, queryset.model, field, parameter)
    return in_systems(queryset.filter(**lookup), systems)
