"""Public open-data URLs, mounted inside the language prefix (/en/data/...)."""

urlpatterns = []
