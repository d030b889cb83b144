# The web app image: slim Python, non-root, gunicorn. Used by docker-compose.yml; the same
# image runs on every host behind a load balancer (docs/operations.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=iurc_site.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

WORKDIR /app

# pg_dump/pg_restore for `make backup` / `make restore` run inside the container; fonts
# for the generated maps' place names in Chinese, Thai and the rest (docs/illustrations.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client make \
       fonts-noto-cjk fonts-thai-tlwg fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# requirements.lock pins every runtime package with the hashes of its files (make lock):
# the image installs exactly what CI tested, and pip refuses a file that changed.
COPY requirements.lock .
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin iurc \
    && mkdir -p /app/media /app/staticfiles \
    && chown -R iurc:iurc /app/media /app/staticfiles
USER iurc

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
ENTRYPOINT ["scripts/docker-entrypoint.sh"]
