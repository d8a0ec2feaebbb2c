# Production image: one image, three processes (bin/service web|worker|beat).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY . .
RUN pip install . \
    && useradd --system --home /app --shell /usr/sbin/nologin app \
    && DEBUG=0 SECRET_KEY=collectstatic-only STATIC_ROOT=/app/staticfiles \
       DATA_DIR=/tmp/build python manage.py collectstatic --noinput \
    && chown -R app /app

USER app
ENV STATIC_ROOT=/app/staticfiles DATA_DIR=/tmp/app
EXPOSE 8000
CMD ["bin/service", "web"]
