from ets_shared.persistence.migrations import run_env

run_env()
