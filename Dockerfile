# 工会小助手 — the production image: gunicorn (python -m bot serve), data in the /data volume.
#   docker build -t unionbot .
#   docker compose up -d          (compose.yaml: the web app and the scheduler, sharing /data)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UNIONBOT_BOT_DATABASE=/data/unionbot.db \
    UNIONBOT_CACHE_DIR=/app/model

WORKDIR /app

# Runtime dependencies only (pyproject's list), every version held to the lock file.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/runtime.txt \
    && pip install --no-cache-dir -r /tmp/runtime.txt -c requirements.lock \
    && rm /tmp/runtime.txt

COPY bot/ bot/
COPY handlers/ handlers/
COPY storage/ storage/
COPY tests/data/ tests/data/
COPY config.example.toml ./

# Bytecode now: with PYTHONDONTWRITEBYTECODE, every start would compile the bot's 110 modules again
# (0.3–0.7 s before the first answer).
RUN python -m compileall -q bot handlers storage

# Train the intent model now (its training data ships in tests/data) and make the files of jieba's
# dictionary and the characters' pinyin (bot/lexicon.py, bot/sounds.py), so a container answers at
# once; then run as an unprivileged user that owns only /data.
RUN python -m bot --config config.example.toml classify "最近有什么活动" >/dev/null \
    && useradd --system --uid 10001 --home-dir /app --no-create-home unionbot \
    && mkdir -p /data && chown unionbot:unionbot /data
USER unionbot
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot", "healthcheck", "--url", "http://127.0.0.1:8000/healthz"]

# The config: mount your config.toml at /app/config.toml, or set UNIONBOT_<SECTION>_<KEY> variables.
CMD ["python", "-m", "bot", "serve", "--host", "0.0.0.0", "--port", "8000"]
