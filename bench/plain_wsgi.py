"""The cheapest answer gunicorn can give: a plain WSGI function, no Django at all.

`make bench` serves it on the same gunicorn configuration as the site and shows every
page-cache hit as a fraction of its throughput, measured in the same run.
"""

BODY = b"<!DOCTYPE html><html lang=en><title>IURC</title><p>Plain WSGI</p></html>"


def application(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(BODY))),
        ],
    )
    return [BODY]
