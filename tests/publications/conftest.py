"""Fixtures of the publications tests."""

from django.test import Client

import pytest

from tests.support.two_factor import verified_login


@pytest.fixture
def superuser_client(db, django_user_model):
    """A client of its own, logged into the admin as a superuser (`client` stays a
    visitor's)."""
    user = django_user_model.objects.create_superuser(
        username="librarian", email="librarian@example.org", password="not-a-password"
    )
    client = Client()
    verified_login(client, user)
    return client
