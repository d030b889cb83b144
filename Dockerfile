# The web app image: slim Python, non-root, gunicorn. Used by docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=iurc_site.settings.production

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn==23.0.0

COPY . .
RUN useradd --create-home --uid 1000 iurc && mkdir -p /app/media && chown -R iurc /app/media
USER iurc

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py collectstatic --noinput && exec gunicorn iurc_site.wsgi --bind 0.0.0.0:8000 --workers 3"]
