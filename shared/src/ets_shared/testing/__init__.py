"""Test fixtures for every package of the platform (a pytest plugin registered by ets-shared)."""
