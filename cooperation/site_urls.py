"""Public catalogue routes and staff-only file routes."""

urlpatterns: list = []
