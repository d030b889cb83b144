"""Views of the web layer itself, outside the page tree."""

from django.http import HttpResponse

BENCH_BASELINE_BODY = (
    b"<!DOCTYPE html><html lang=en><title>IURC</title><p>Benchmark baseline</p></html>"
)


def bench_baseline(request):
    """A constant page: what the server costs without a page (routed only for `make bench`)."""
    return HttpResponse(BENCH_BASELINE_BODY, content_type="text/html; charset=utf-8")
