from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin, with the staff site that asks for a second factor (access/sites.py)
    as `admin.site`: every ModelAdmin registered with @admin.register and every view
    wrapped by admin.site.admin_view is behind it."""

    default_site = "access.sites.StaffAdminSite"
