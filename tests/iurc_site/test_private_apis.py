"""Every private API the site relies on (iurc_site/private_apis.py) is still there.

An upgrade of Django, Wagtail, wagtail-modeltranslation or django-redis that renames or
removes one fails here, with its name, before any page breaks in a subtler way.
"""

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.test import RequestFactory

from wagtail.models import Page, Site

import pytest

from iurc_site import private_apis
from iurc_site.caching.routing import site_root_paths_per_language

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("owner", "name"),
    private_apis.private_attributes(),
    ids=lambda value: getattr(value, "__name__", value),
)
def test_each_private_attribute_exists(owner, name):
    assert hasattr(owner, name), f"{owner.__name__}.{name} is gone: see private_apis"


def test_the_patches_are_installed_on_every_page_type():
    assert Page.route_for_request.__wrapped__ is not None
    assert Site._find_for_request.__wrapped__ is not None
    for page_type in Page.__subclasses__():
        assert page_type._get_site_root_paths is site_root_paths_per_language


def test_a_callback_is_pending_until_the_transaction_commits():
    ran = []

    def action():
        ran.append(True)

    with transaction.atomic():
        assert not private_apis.commit_callback_pending(action)
        private_apis.after_commit(action)
        assert private_apis.commit_callback_pending(action)
        assert ran == []


def test_wagtail_finds_the_route_the_cached_router_remembers(demo_page):
    request = RequestFactory().get("/en/about/")
    assert private_apis.remembered_route(request) is None
    route = Page.route_for_request.__wrapped__(request, "/about/")
    assert route is not None
    assert private_apis.remembered_route(request) is route
    assert route[0].pk == demo_page("/about/").pk


def test_the_raw_host_is_read_before_it_is_validated():
    request = RequestFactory().get("/", HTTP_HOST="not-allowed.example")
    assert private_apis.raw_host(request) == "not-allowed.example"


def test_tree_paths_round_trip():
    path = private_apis.tree_path("0001", 2, 37)
    assert path.startswith("0001") and len(path) == 8
    assert private_apis.tree_step_number(path[-4:]) == 37


def test_reference_index_helpers_answer(demo_page):
    about = demo_page("/about/")
    assert isinstance(list(private_apis.references_of(about)), list)
    assert private_apis.content_path_hash("body.0") == private_apis.content_path_hash(
        "body.0"
    )


def test_modeltranslation_gives_root_paths_and_panels():
    from wagtail.admin.panels import FieldPanel

    from partners.models import Theme

    assert private_apis.modeltranslation_site_root_paths()
    panels = private_apis.expand_translated_panels(Theme, [FieldPanel("name")])
    assert {panel.field_name for panel in panels} >= {"name_en", "name_ms"}


def test_a_commands_stream_is_reachable(capsys):
    import sys

    assert private_apis.underlying_stream(OutputWrapper(sys.stderr)) is sys.stderr


def test_a_second_connection_works_outside_the_current_transaction():
    from iurc_site.models import JobProgress

    JobProgress.objects.create(key="private-apis-test")  # in the test's transaction
    second = private_apis.second_connection()
    try:
        with second.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM iurc_site_jobprogress WHERE key = %s",
                ["private-apis-test"],
            )
            assert cursor.fetchone()[0] == 0
    finally:
        second.close()


def test_the_queued_task_runner_has_the_switches_the_worker_uses(settings):
    # Its run() closes the connection of a transaction open since the test began, as
    # it would a stale one: tests/worker/test_worker_process.py runs it for real.
    from iurc_site.settings.base import task_backends

    settings.TASKS = task_backends("database")
    runner = private_apis.queued_task_runner(backend_name="jobs", worker_id="test")

    assert runner.running and not runner.running_task
    assert callable(runner.run)


def test_a_pdfs_object_numbers_are_listed():
    import io

    from fpdf import FPDF
    from pypdf import PdfReader

    pdf = FPDF()
    pdf.add_page()
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))

    numbers = private_apis.pdf_object_numbers(reader)

    assert reader.trailer.raw_get("/Root").idnum in numbers
    assert len(numbers) >= 3  # catalog, page tree, page
