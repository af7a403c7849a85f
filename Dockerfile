# The claims service: the editors' API (waitress in gunicorn's processes) and the public site
# (Datasette), run together by a small supervisor. Data lives in /data.

# The extractor compiled with mypyc, in a stage of its own: the final image takes the compiled
# modules and needs no compiler.
FROM python:3.11.7-slim-bookworm AS compiled-extractor

ENV PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u14 \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt requirements-build.txt ./
RUN pip install --no-cache-dir -r requirements-build.txt

COPY pyproject.toml ./
COPY service ./service
RUN python -m service.compile_extractor

FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CLAIMS_DB=/data/claims.db \
    CLAIMS_INSTANCE_PATH=/data/instance \
    CLAIMS_HOST=0.0.0.0

WORKDIR /app

# Graphviz draws the claim network on the public site.
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz=2.42.2-7+deb12u1 \
    && rm -rf /var/lib/apt/lists/*

# The pinned dependencies in a layer of their own, rebuilt only when the pins change.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# A fixed numeric id, so files on the /data volume have a known owner.
RUN groupadd --system --gid 10001 claims \
    && useradd --system --uid 10001 --gid claims --home-dir /app --shell /usr/sbin/nologin claims \
    && mkdir /data \
    && chown claims:claims /data

COPY service ./service
COPY fixtures ./fixtures
# Used only while it matches the sources above: they come from the same build context.
COPY --from=compiled-extractor /app/build/mypyc/lib ./build/mypyc/lib
COPY --from=compiled-extractor /app/build/mypyc/manifest.json ./build/mypyc/manifest.json

USER 10001:10001
VOLUME ["/data"]
EXPOSE 5000 8001

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "service.healthcheck"]

# Checks the configuration, creates the schema, loads the fixtures into a new
# volume (unless CLAIMS_LOAD_FIXTURES=0), prints a first editor token, then
# supervises both servers: if either dies the container exits with an error;
# SIGTERM stops both.
ENTRYPOINT ["python", "-m", "service.entrypoint"]
