from csp.decorators import csp_update
from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from django.views.defaults import page_not_found
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from access.api import TokenLoginView, TokenLogoutView
from access.resources import register_resources
from access.signin import sign_out_user_view
from access_requests.amendments_api import AmendmentDecisionView, AmendmentListView
from access_requests.api import RequestMoveView, RequestQueueView, RequestStatusView
from access_requests.foia import receive_request
from audit.api import register_audit_resources
from config.health import healthz, readyz
from config.security import csp_report
from retention.api import register_retention_resources
from sorn.api import SystemOfRecordsViewSet

router = DefaultRouter()
router.register("systems", SystemOfRecordsViewSet, basename="system")
register_resources(router)  # every record model's resource (access/resources.py)
register_retention_resources(router)  # holds, runs, certificates, forecasts (retention/api.py)
register_audit_resources(router)  # access events, seals, disclosures (audit/api.py)

api_urls = (
    [
        path("auth/token/", TokenLoginView.as_view(), name="auth-token"),
        path("auth/logout/", TokenLogoutView.as_view(), name="auth-logout"),
        path("requests/", RequestQueueView.as_view(), name="request-list"),
        path("requests/<str:tracking_number>/", RequestStatusView.as_view(), name="request-status"),
        path(
            "requests/<str:tracking_number>/moves/<str:move>/",
            RequestMoveView.as_view(),
            name="request-move",
        ),
        path(
            "requests/<str:tracking_number>/amendments/",
            AmendmentListView.as_view(),
            name="request-amendments",
        ),
        re_path(
            r"^requests/(?P<tracking_number>[^/]+)/amendments/(?P<amendment_id>[0-9]{1,18})/"
            r"(?P<decision>grant|deny)/$",
            AmendmentDecisionView.as_view(),
            name="request-amendment-decision",
        ),
        *router.urls,
    ],
    "api",
)

urlpatterns = [
    path("", include("sorn.urls")),
    path("staff/", include("access.urls")),
    path("", include("access_requests.urls")),  # /privacy/, /requests/
    path("admin/retention/", include("retention.urls")),
    # The admin's autocomplete answers "which record matches this term" past the gate's
    # search rules and its audit; no record admin uses it (raw-id widgets instead): off.
    path("admin/autocomplete/", page_not_found, {"exception": Http404()}),
    # Staff sign-in: password, second factor, enrolment (issue 14, item 1).
    path("account/", include("access.signin_urls")),
    path(
        "admin/sign-in/sign-out-user/",
        admin.site.admin_view(sign_out_user_view),
        name="signin-admin-sign-out-user",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urls)),
    # FOIA.gov's Agency API 1.1.0: machine to machine with its shared secret, outside REST
    # framework (no session, no token, no CSRF); with or without the final slash, as the
    # spec writes it both ways.
    re_path(
        r"^api/foia/v1/components/(?P<component>[0-9]{1,9})/requests/?$",
        receive_request,
        name="foia-requests",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's init script from its own URL (?script), not
    # inline, so the Content-Security-Policy needs no 'unsafe-inline' (issue 14, item 4);
    # our template drops the package's inline <style> for a static file. Swagger UI's
    # stylesheet draws its icons as data: SVG images (an image runs no script): allowed on
    # this page only.
    path(
        "api/docs/",
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="api/swagger_ui.html"
            )
        ),
        name="api-docs",
    ),
    # Issue 14, item 7: alive, and ready (config/health.py); outside every sign-in.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Issue 14, item 4: the Content-Security-Policy's report-uri (config/security.py).
    path("csp-report/", csp_report, name="csp-report"),
]

# JSON under /api/, the site's pages elsewhere; never a trace (lib/api.py).
handler400 = "lib.api.bad_request"
handler403 = "lib.api.permission_denied"
handler404 = "lib.api.page_not_found"
handler500 = "lib.api.server_error"

admin.site.site_header = "Privacy Act records service"
admin.site.site_title = "Privacy Act records"
admin.site.index_title = "Staff"
