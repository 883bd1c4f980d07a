from django.contrib import admin

from .models import ApiToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "user_permissions", "groups"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Operators can see and revoke tokens; the token itself is never stored."""

    list_display = ["user", "name", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "token_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: object) -> bool:
        return False
