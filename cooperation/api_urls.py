"""REST API v1 routes (see cooperation/api.py and each app's api.py)."""

urlpatterns: list = []
