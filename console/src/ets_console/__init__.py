"""The web console: server-rendered pages (FastAPI + Jinja2, htmx for progressive enhancement) over the five
services' public HTTP APIs, called with the signed-in user's own token. See README "Web console"."""
