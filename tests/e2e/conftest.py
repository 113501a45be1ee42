"""The platform as separate processes (the same launcher as `ets up`) on free ports, against a real bundled
nats-server; SQLite by default, a fresh PostgreSQL database per service when ETS_TEST_POSTGRES_URL is set: the
fixtures `platform`, `platform_with` and `client` of the shared pytest plugin (`ets_shared.testing.platform`)."""
