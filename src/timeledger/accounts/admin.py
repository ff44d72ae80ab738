from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from timeledger.accounts.models import ApiToken, JobRole, Member, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "timezone")}),
        ("Personal", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


admin.site.register(Organisation)
admin.site.register(Member)
admin.site.register(JobRole)
admin.site.register(ApiToken)
