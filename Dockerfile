# The portal's image: web (gunicorn), worker and beat all run from it.

FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN mkdir -p static && npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
WORKDIR /app
COPY pyproject.toml README.md ./
COPY urc_portal ./urc_portal
COPY mechanisms ./mechanisms
COPY accounts ./accounts
COPY uploads ./uploads
COPY reminders ./reminders
COPY gazetteer ./gazetteer
COPY associations ./associations
COPY partnerships ./partnerships
COPY roadmap ./roadmap
COPY knowledge ./knowledge
RUN pip install --no-cache-dir ".[dev]"
COPY . .
COPY --from=assets /build/static/vendor ./static/vendor
RUN pybabel compile --domain=django --directory=locale \
    && DEBUG=true python manage.py collectstatic --noinput --verbosity=0 \
    && useradd --create-home portal && mkdir -p /app/var && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "urc_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
