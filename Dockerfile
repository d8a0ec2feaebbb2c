# Production image: one image, three processes (bin/service web|worker|beat).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY . .
# The build steps are bin/build's, which CI also runs outside Docker (.ci/run): install,
# then collectstatic with build-time settings only (no database, no key).
RUN STATIC_ROOT=/app/staticfiles bin/build \
    && useradd --system --home /app --shell /usr/sbin/nologin app \
    && chown -R app /app

USER app
ENV STATIC_ROOT=/app/staticfiles DATA_DIR=/tmp/app
EXPOSE 8000
CMD ["bin/service", "web"]
