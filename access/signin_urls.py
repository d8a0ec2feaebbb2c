"""Staff sign-in pages (access/signin.py), under /account/. django-two-factor-auth's
profile and disable pages are left out on purpose: with the second factor required, no
one turns theirs off."""

from django.urls import path
from two_factor.views import QRGeneratorView

from access import signin

app_name = "two_factor"  # the namespace django-two-factor-auth reverses

urlpatterns = [
    path("login/", signin.StaffLoginView.as_view(), name="login"),
    path("logout/", signin.sign_out, name="logout"),
    path("sign-out-everywhere/", signin.sign_out_everywhere_view, name="sign-out-everywhere"),
    path("two-factor/setup/", signin.StaffSetupView.as_view(), name="setup"),
    path("two-factor/qrcode/", QRGeneratorView.as_view(), name="qr"),
    path(
        "two-factor/setup/complete/", signin.StaffSetupCompleteView.as_view(), name="setup_complete"
    ),
    path("two-factor/backup/tokens/", signin.StaffBackupTokensView.as_view(), name="backup_tokens"),
]
